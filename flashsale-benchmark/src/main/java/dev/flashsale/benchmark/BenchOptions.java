package dev.flashsale.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code bin/bench}. {@code --quick} is a smoke run (well under two minutes once the system is
 * up); without it, the full run of {@code docs/benchmarks.md}.
 */
record BenchOptions(
        boolean quick,
        Optional<String> baseUrl,
        int stock,
        long buyers,
        int concurrency,
        int products,
        double zipfExponent,
        Duration pollInterval,
        int baselinePort,
        boolean baselines,
        boolean brokerLimit,
        boolean open,
        double openStartRate,
        Duration openStep,
        int openMaxSteps,
        List<Duration> commitIntervals,
        long curveBuyers,
        boolean appendDocs,
        Path output,
        List<Integer> scalingPartitions,
        long scalingRecords,
        long warmUpBuyers) {

    static final String USAGE = """
            usage: bin/bench [--quick] [options]
              --quick                 smoke run: 1,000 buyers for 500 units, 64 in flight, two 4 s open-model steps,
                                      no curve
              --base-url URL          use a running flashsale instead of starting one with bin/run-local
              --stock N               units of the sale's product (default 1000; quick 500)
              --buyers N              distinct buyers, one unit each (default 50000; quick 1000)
              --concurrency N         buyers in flight in the closed model (default 256; quick 64)
              --products N            products of the multi-product run, Zipf-like demand (default 20; 0 skips it)
              --zipf S                Zipf exponent of the multi-product demand (default 1.0)
              --poll-ms N             pause between two reads of a pending order (default 20)
              --baseline-port N       port of the lock-based checkout baseline (default 8090)
              --no-baseline           skip the lock-based checkout baselines
              --no-broker-limit       skip the raw produce-to-consume reference
              --no-open               skip the open-model steps
              --open-start N          first arrival rate of the open model, buyers/s (default 250; quick 100)
              --open-step-seconds N   length of one open-model step (default 10; quick 4)
              --open-steps N          at most this many steps, each doubling the rate (default 6; quick 2)
              --commit-intervals L    commit.interval.ms curve, e.g. 10,50,100 (default; quick and --base-url: none)
              --curve-buyers N        buyers per curve point, and requests of the processor-alone point
                                      (default 5000)
              --warm-up N             buyers of the unrecorded warm-up sale against each system (default 2000;
                                      quick 200; 0 skips it)
              --no-docs               do not append the table to docs/benchmarks.md (quick never does)
              --output DIR            where the JSON, Markdown and chart go (default .local/bench)
              --scaling               only the scaling runs: the processor alone (requests produced straight to
                                      Kafka) with 1, 3, 6, 12 partitions and 1 and 2 instances. Stops the local
                                      system and DELETES .local/kafka and .local/inventory-state for fresh topics
              --scaling-partitions L  partition counts of the scaling runs (default 1,3,6,12)
              --scaling-records N     order requests per scaling run (default 20000)
              --build                 run ./mvnw package first (bin/bench does it anyway when the jar is missing)
              --chart-from FILE.json  only draw the chart of an earlier run again
              --recovery [N]          only the processor's recovery after kill -9 with N products in its store
                                      (default 100000): time to RUNNING and to decisions on every partition, with
                                      the same state directory and with it deleted; exits 1 on a double decision
            """;

    static BenchOptions parse(String... args) {
        boolean quick = List.of(args).contains("--quick");
        Optional<String> baseUrl = Optional.empty();
        // Quick: a sale that still sells out, small enough that the whole smoke run stays under two minutes.
        int stock = quick ? 500 : 1000;
        long buyers = quick ? 1_000 : 50_000;
        int concurrency = quick ? 64 : 256;
        int products = 20;
        double zipf = 1.0;
        Duration poll = Duration.ofMillis(20);
        int baselinePort = 8090;
        boolean baselines = true;
        boolean brokerLimit = true;
        boolean open = true;
        double openStart = quick ? 100 : 250;
        Duration openStep = Duration.ofSeconds(quick ? 4 : 10);
        int openSteps = quick ? 2 : 6;
        List<Duration> intervals = null;
        // Three curve points, each through the API and for the processor alone, keep the full run under 15 minutes.
        long curveBuyers = 5_000;
        boolean docs = !quick;
        Path output = Path.of(".local/bench");
        List<Integer> scalingPartitions = List.of(1, 3, 6, 12);
        boolean scalingOnly = false;
        long scalingRecords = 20_000;
        long warmUp = quick ? 200 : 2_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> { }
                case "--base-url" -> baseUrl = Optional.of(value(args, ++i, arg));
                case "--stock" -> stock = Integer.parseInt(value(args, ++i, arg));
                case "--buyers" -> buyers = Long.parseLong(value(args, ++i, arg));
                case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, arg));
                case "--products" -> products = Integer.parseInt(value(args, ++i, arg));
                case "--zipf" -> zipf = Double.parseDouble(value(args, ++i, arg));
                case "--poll-ms" -> poll = Duration.ofMillis(Long.parseLong(value(args, ++i, arg)));
                case "--baseline-port" -> baselinePort = Integer.parseInt(value(args, ++i, arg));
                case "--no-baseline" -> baselines = false;
                case "--no-broker-limit" -> brokerLimit = false;
                case "--no-open" -> open = false;
                case "--open-start" -> openStart = Double.parseDouble(value(args, ++i, arg));
                case "--open-step-seconds" -> openStep = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--open-steps" -> openSteps = Integer.parseInt(value(args, ++i, arg));
                case "--commit-intervals" -> intervals = intervals(value(args, ++i, arg));
                case "--curve-buyers" -> curveBuyers = Long.parseLong(value(args, ++i, arg));
                case "--no-docs" -> docs = false;
                case "--output" -> output = Path.of(value(args, ++i, arg));
                case "--scaling" -> scalingOnly = true;
                case "--warm-up" -> warmUp = Long.parseLong(value(args, ++i, arg));
                case "--scaling-partitions" -> scalingPartitions = java.util.Arrays.stream(value(args, ++i, arg)
                        .split(",")).map(String::strip).map(Integer::parseInt).toList();
                case "--scaling-records" -> scalingRecords = Long.parseLong(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (intervals == null) {
            intervals = quick || baseUrl.isPresent() ? List.of() : intervals("10,50,100");
        }
        if (stock < 1 || buyers < 1 || concurrency < 1 || products < 0 || openSteps < 0 || openStart <= 0) {
            throw new IllegalArgumentException("stock, buyers, concurrency and the open-model start must be positive");
        }
        if (!intervals.isEmpty() && baseUrl.isPresent()) {
            throw new IllegalArgumentException("--commit-intervals restarts the processor: not with --base-url");
        }
        if (scalingOnly && baseUrl.isPresent()) {
            throw new IllegalArgumentException("--scaling restarts the local system: not with --base-url");
        }
        // Empty unless --scaling: the scaling runs are a mode of their own, never part of another run.
        List<Integer> scaling = scalingOnly ? scalingPartitions : List.of();
        return new BenchOptions(quick, baseUrl, stock, buyers, concurrency, products, zipf, poll, baselinePort,
                baselines, brokerLimit, open, openStart, openStep, openSteps, List.copyOf(intervals), curveBuyers, docs,
                output, scaling, scalingRecords, warmUp);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static List<Duration> intervals(String list) {
        List<Duration> intervals = new ArrayList<>();
        for (String millis : list.split(",")) {
            if (!millis.isBlank()) {
                intervals.add(Duration.ofMillis(Long.parseLong(millis.strip())));
            }
        }
        return intervals;
    }
}
