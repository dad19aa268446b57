package dev.flashsale.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code bin/bench}. {@code --quick} is a smoke run (about three minutes with start-up); without
 * it, the full run of {@code docs/benchmarks.md}. Each optional measure is empty when skipped.
 *
 * @param open            the open-model sweep of every system (arrival rate stepped up until submit p99 misses)
 * @param apiCpu          the order API's CPU per POST, then per GET, once warm
 * @param visibleDecision flashsale at a fixed arrival rate: time until the buyer sees the decision
 * @param freshJvm        a sale right after the order API and the processor were restarted, then the same again
 * @param processorAlone  the processor alone on a broker of its own: one partition, one stream thread
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
        Optional<OpenSweep> open,
        Optional<RateRun> apiCpu,
        Optional<RateRun> visibleDecision,
        Optional<RateRun> freshJvm,
        Optional<AloneRun> processorAlone,
        List<Duration> commitIntervals,
        long curveBuyers,
        boolean appendDocs,
        Path output,
        List<Integer> scalingPartitions,
        long scalingRecords,
        long warmUpBuyers) {

    static final String USAGE = """
            usage: bin/bench [--quick] [options]
              --quick                 smoke run (about 3 minutes with start-up): 1,000 buyers for 500 units, 64 in
                                      flight, every measure below shortened, no processor alone, no curve
              --base-url URL          use a running flashsale instead of starting one with bin/run-local; skips
                                      what restarts it (fresh JVM, curve) and, without its pid files, CPU figures
              --stock N               units of the sale's product (default 1000; quick 500)
              --buyers N              distinct buyers, one unit each (default 50000; quick 1000)
              --concurrency N         buyers in flight in the closed model (default 256; quick 64)
              --products N            products of the multi-product run, Zipf-like demand (default 20; 0 skips it)
              --zipf S                Zipf exponent of the multi-product demand (default 1.0)
              --poll-ms N             pause between two reads of a pending order (default 20)
              --baseline-port N       port of the lock-based checkout baseline (default 8090)
              --no-baseline           skip the lock-based checkout baselines
              --no-broker-limit       skip the raw produce-to-consume reference
              --warm-up N             buyers of the unrecorded warm-up sale against each system (default 2000,
                                      quick too: just-started JVMs compile for their first minutes; 0 skips it)

            Open model, every system, one hot product that cannot sell out:
              --open-rates L          arrival rates stepped through, buyers/s (default 250,500,1000,1500,2000,3000,
                                      4000; quick 100,300)
              --open-step-seconds N   length of one step (default 8; quick 2)
              --open-steps N          at most the first N rates (default all; 0 skips the open model)
              --open-p99-ms N         submit p99 a sustained rate must meet (default 50)
              --open-give-up-p99-ms N a system's stepping stops after a step whose submit p99 exceeds this (default
                                      1000)
              --no-open               skip the open model

            Order API CPU per request, warm (flashsale; POSTs only, then one long-poll GET of each order):
              --api-cpu-rate N        arrival rate of both phases, requests/s (default 1000; quick 200)
              --api-cpu-seconds N     length of each phase (default 15; quick 2)
              --no-api-cpu            skip it

            Decision visible to the buyer (flashsale, open model, one hot product that cannot sell out):
              --visible-rate N        buyers/s (default 1000)
              --visible-seconds N     length (default 15; quick 2)
              --no-visible            skip it

            A fresh JVM (flashsale; restarts the order API and the processor, then a sale, then the same again):
              --fresh-rate N          buyers/s (default 500; quick 200)
              --fresh-seconds N       length of the sale and of the window reported (default 10; quick 3)
              --no-fresh-jvm          skip it (--base-url always does)

            The processor alone (a broker and a processor of the bench's own, 1 partition, 1 stream thread):
              --alone-requests N      order requests of the measured round (default 200000; quick 30000)
              --alone-warm-up N       order requests of the unrecorded round before it (default 50000; quick 5000)
              --processor-alone       run it in --quick too
              --no-processor-alone    skip it

            commit.interval.ms curve:
              --commit-intervals L    e.g. 10,50,100 (default; quick and --base-url: none)
              --curve-buyers N        buyers per curve point, and requests of the processor-alone point
                                      (default 5000)

            Output and other modes:
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

    /** Buyers arriving at {@code perSecond} for {@code duration}. */
    record RateRun(double perSecond, Duration duration) {

        long buyers() {
            return Math.max(1, Math.round(perSecond * duration.toMillis() / 1000.0));
        }
    }

    /**
     * The open-model sweep: each rate for {@code step}; a rate is sustained when submit p99 stays within
     * {@code p99Bound}; a system's stepping stops after a step whose p99 exceeds {@code giveUpP99}.
     */
    record OpenSweep(List<Double> rates, Duration step, Duration p99Bound, Duration giveUpP99) {
    }

    /** The processor-alone rounds: {@code warmUpRequests} unrecorded, then {@code requests} measured. */
    record AloneRun(long warmUpRequests, long requests) {
    }

    static BenchOptions parse(String... args) {
        boolean quick = List.of(args).contains("--quick");
        Optional<String> baseUrl = Optional.empty();
        // Quick: a sale that still sells out, small enough that the whole smoke run stays near three minutes.
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
        List<Double> openRates = quick ? List.of(100.0, 300.0)
                : List.of(250.0, 500.0, 1000.0, 1500.0, 2000.0, 3000.0, 4000.0);
        Duration openStep = Duration.ofSeconds(quick ? 2 : 8);
        int openSteps = Integer.MAX_VALUE;
        Duration openBound = Duration.ofMillis(50);
        Duration openGiveUp = Duration.ofSeconds(1);
        boolean apiCpu = true;
        double apiCpuRate = quick ? 200 : 1000;
        Duration apiCpuLength = Duration.ofSeconds(quick ? 2 : 15);
        boolean visible = true;
        double visibleRate = 1000;
        Duration visibleLength = Duration.ofSeconds(quick ? 2 : 15);
        boolean fresh = true;
        double freshRate = quick ? 200 : 500;
        Duration freshLength = Duration.ofSeconds(quick ? 3 : 10);
        // Quick skips it: its own broker and processor take half a minute to start.
        boolean alone = !quick;
        long aloneRequests = quick ? 30_000 : 200_000;
        long aloneWarmUp = quick ? 5_000 : 50_000;
        List<Duration> intervals = null;
        long curveBuyers = 5_000;
        boolean docs = !quick;
        Path output = Path.of(".local/bench");
        List<Integer> scalingPartitions = List.of(1, 3, 6, 12);
        boolean scalingOnly = false;
        long scalingRecords = 20_000;
        long warmUp = 2_000;
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
                case "--open-rates" -> openRates = list(value(args, ++i, arg)).stream().map(Double::parseDouble)
                        .toList();
                case "--open-step-seconds" -> openStep = seconds(value(args, ++i, arg));
                case "--open-steps" -> openSteps = Integer.parseInt(value(args, ++i, arg));
                case "--open-p99-ms" -> openBound = Duration.ofMillis(Long.parseLong(value(args, ++i, arg)));
                case "--open-give-up-p99-ms" -> openGiveUp = Duration.ofMillis(Long.parseLong(value(args, ++i,
                        arg)));
                case "--api-cpu-rate" -> apiCpuRate = Double.parseDouble(value(args, ++i, arg));
                case "--api-cpu-seconds" -> apiCpuLength = seconds(value(args, ++i, arg));
                case "--no-api-cpu" -> apiCpu = false;
                case "--visible-rate" -> visibleRate = Double.parseDouble(value(args, ++i, arg));
                case "--visible-seconds" -> visibleLength = seconds(value(args, ++i, arg));
                case "--no-visible" -> visible = false;
                case "--fresh-rate" -> freshRate = Double.parseDouble(value(args, ++i, arg));
                case "--fresh-seconds" -> freshLength = seconds(value(args, ++i, arg));
                case "--no-fresh-jvm" -> fresh = false;
                case "--alone-requests" -> aloneRequests = Long.parseLong(value(args, ++i, arg));
                case "--alone-warm-up" -> aloneWarmUp = Long.parseLong(value(args, ++i, arg));
                case "--processor-alone" -> alone = true;
                case "--no-processor-alone" -> alone = false;
                case "--commit-intervals" -> intervals = list(value(args, ++i, arg)).stream().map(Long::parseLong)
                        .map(Duration::ofMillis).toList();
                case "--curve-buyers" -> curveBuyers = Long.parseLong(value(args, ++i, arg));
                case "--no-docs" -> docs = false;
                case "--output" -> output = Path.of(value(args, ++i, arg));
                case "--scaling" -> scalingOnly = true;
                case "--warm-up" -> warmUp = Long.parseLong(value(args, ++i, arg));
                case "--scaling-partitions" -> scalingPartitions = list(value(args, ++i, arg)).stream()
                        .map(Integer::parseInt).toList();
                case "--scaling-records" -> scalingRecords = Long.parseLong(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (intervals == null) {
            intervals = quick || baseUrl.isPresent() ? List.of() : List.of(Duration.ofMillis(10),
                    Duration.ofMillis(50), Duration.ofMillis(100));
        }
        if (stock < 1 || buyers < 1 || concurrency < 1 || products < 0 || openSteps < 0) {
            throw new IllegalArgumentException("stock, buyers and concurrency must be positive");
        }
        if (openRates.stream().anyMatch(rate -> rate <= 0) || apiCpuRate <= 0 || visibleRate <= 0 || freshRate <= 0) {
            throw new IllegalArgumentException("arrival rates must be positive");
        }
        if (aloneRequests < 1 || aloneWarmUp < 0) {
            throw new IllegalArgumentException("--alone-requests must be positive, --alone-warm-up not negative");
        }
        if (!intervals.isEmpty() && baseUrl.isPresent()) {
            throw new IllegalArgumentException("--commit-intervals restarts the processor: not with --base-url");
        }
        if (scalingOnly && baseUrl.isPresent()) {
            throw new IllegalArgumentException("--scaling restarts the local system: not with --base-url");
        }
        List<Double> rates = openRates.subList(0, Math.min(openRates.size(), openSteps));
        Optional<OpenSweep> sweep = open && !rates.isEmpty()
                ? Optional.of(new OpenSweep(List.copyOf(rates), openStep, openBound, openGiveUp)) : Optional.empty();
        // Empty unless --scaling: the scaling runs are a mode of their own, never part of another run.
        List<Integer> scaling = scalingOnly ? scalingPartitions : List.of();
        return new BenchOptions(quick, baseUrl, stock, buyers, concurrency, products, zipf, poll, baselinePort,
                baselines, brokerLimit, sweep,
                apiCpu ? Optional.of(new RateRun(apiCpuRate, apiCpuLength)) : Optional.empty(),
                visible ? Optional.of(new RateRun(visibleRate, visibleLength)) : Optional.empty(),
                fresh && baseUrl.isEmpty() ? Optional.of(new RateRun(freshRate, freshLength)) : Optional.empty(),
                alone ? Optional.of(new AloneRun(aloneWarmUp, aloneRequests)) : Optional.empty(),
                List.copyOf(intervals), curveBuyers, docs, output, scaling, scalingRecords, warmUp);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Duration seconds(String value) {
        long seconds = Long.parseLong(value);
        if (seconds < 1) {
            throw new IllegalArgumentException("a length in seconds must be at least 1, not " + value);
        }
        return Duration.ofSeconds(seconds);
    }

    private static List<String> list(String commaSeparated) {
        List<String> items = new ArrayList<>();
        for (String item : commaSeparated.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }
}
