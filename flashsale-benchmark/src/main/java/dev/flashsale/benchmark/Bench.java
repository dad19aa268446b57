package dev.flashsale.benchmark;

import static dev.flashsale.benchmark.Say.say;

import dev.flashsale.benchmark.Figures.Percentiles;
import dev.flashsale.benchmark.Figures.TimePoint;
import dev.flashsale.benchmark.load.Demand;
import dev.flashsale.benchmark.load.LoadPlan;
import dev.flashsale.benchmark.load.LoadRecorder;
import dev.flashsale.benchmark.load.LoadRunner;
import dev.flashsale.tokens.LocalTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * One {@code bin/bench} run: the same flash sale against flashsale and the two lock-based baselines, the broker's
 * produce-to-consume limit, the order API's CPU per request, the decision's visibility at a fixed rate, the open-model
 * sweep of every system, the processor alone on one partition, the commit-interval curve and a sale on fresh JVMs,
 * each measured in turn on this machine.
 */
final class Bench {

    static final String FLASHSALE = "flashsale";
    static final String FOR_UPDATE = "baseline SELECT FOR UPDATE";
    static final String CONDITIONAL = "baseline conditional UPDATE";
    static final Duration DECISION_GRACE = Duration.ofSeconds(30);
    static final Duration FINAL_TIMEOUT = Duration.ofSeconds(30);
    static final String NEVER_SOLD_OUT = "one hot product, never sold out";

    /** A system under test: flashsale, or one locking variant of the baseline. */
    private record SystemUnderTest(String name, Api api, boolean isFlashsale) {
    }

    /** What the buyers of one run saw, and the figures made of it. */
    private record Measured(Figures figures, LoadRecorder recorder) {
    }

    private final BenchOptions options;
    private final Path root;
    private final String runId;
    private final LocalSystem local;
    private final LoadRunner loads;
    private Optional<LocalTokens> tokens = Optional.empty();
    private final List<Figures> runs = new ArrayList<>();
    private final List<BrokerLimit.Result> limits = new ArrayList<>();
    private final List<Figures> openSteps = new ArrayList<>();
    private final List<SustainedRate> sustained = new ArrayList<>();
    private final Map<Long, Figures> curve = new LinkedHashMap<>();
    private final List<ProcessorCapacity.Result> scaling = new ArrayList<>();
    private final Map<Long, ProcessorCapacity.Result> curveAlone = new LinkedHashMap<>();
    private ApiCpu apiCpu;
    private Figures visibleDecision;
    private FreshJvm freshJvm;
    private ProcessorAlone.Result processorAlone;
    private String bootstrapServers;
    private Api flashsale;
    private BaselineProcess baseline;
    private int runCounter;

    Bench(BenchOptions options, Path root, String runId) {
        this.options = options;
        this.root = root;
        this.runId = runId;
        this.local = new LocalSystem(root);
        this.loads = new LoadRunner(options.output().resolve("gatling"));
    }

    Report run() throws Exception {
        Machine machine = Machine.describe();
        if (!options.scalingPartitions().isEmpty()) {
            scaling();
            return report(machine);
        }
        if (options.baseUrl().isEmpty()) {
            local.start();
        }
        // After the start: bin/run-local creates .local/jwt-secret on a fresh checkout.
        tokens = LocalTokens.find(root);
        bootstrapServers = Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
                .filter(s -> !s.isBlank()).orElse(local.bootstrapServers());
        flashsale = new Api(options.baseUrl().orElse(local.baseUrl()), tokens);
        say("flashsale at {}, Kafka at {}, buyers {} tokens", flashsale.baseUrl(), bootstrapServers,
                tokens.isPresent() ? "with bearer" : "without");
        try {
            if (options.baselines()) {
                baseline = BaselineProcess.start(options.baselinePort(), Databases.jdbcUrl(), Databases.user(),
                        Databases.password(), options.output().resolve("baseline.log"));
            }
            LoadPlan.LoadModel closed = new LoadPlan.Closed(options.concurrency());
            warmUp(closed);
            sale("one hot product", 1, options.stock(), options.buyers(), closed);
            if (options.products() > 1) {
                sale(options.products() + " products, Zipf " + options.zipfExponent(), options.products(),
                        options.stock(), options.buyers(), closed);
            }
            if (options.brokerLimit()) {
                BrokerLimit broker = new BrokerLimit(bootstrapServers);
                int partitions = BrokerLimit.partitionsOfOrderRequests(bootstrapServers);
                limits.add(broker.measure(1, options.buyers(), runId));
                limits.add(broker.measure(partitions, options.buyers(), runId));
                limits.forEach(l -> say("broker limit through {} partition(s): {} records/s", l.partitions(),
                        Math.round(l.recordsPerSecond())));
            }
            if (options.apiCpu().isPresent()) {
                apiCpu(options.apiCpu().get());
            }
            if (options.visibleDecision().isPresent()) {
                visibleDecision(options.visibleDecision().get());
            }
            if (options.open().isPresent()) {
                openModel(options.open().get());
            }
        } finally {
            if (baseline != null) {
                baseline.close(); // nothing after the open model uses it
            }
        }
        if (options.processorAlone().isPresent()) {
            BenchOptions.AloneRun alone = options.processorAlone().get();
            processorAlone = new ProcessorAlone(root, options.output().resolve("processor-alone"))
                    .measure(alone.warmUpRequests(), alone.requests(), runId);
        }
        commitIntervalCurve();
        if (options.freshJvm().isPresent()) {
            freshJvm(options.freshJvm().get());
        }
        return report(machine);
    }

    private Report report(Machine machine) {
        return new Report(runId, machine, options, runs, limits, openSteps, sustained, apiCpu, visibleDecision,
                freshJvm, processorAlone, curve, curveAlone, scaling);
    }

    /**
     * The processor alone, per partition count on fresh topics, with one instance and, for the default partition
     * count, two; the local system is left running with fresh default topics afterwards.
     */
    private void scaling() throws Exception {
        bootstrapServers = local.bootstrapServers();
        int products = 48; // enough keys that every partition of 12 gets some
        try {
            for (int partitions : options.scalingPartitions()) {
                Map<String, String> environment = Map.of("FLASHSALE_TOPIC_PARTITIONS", Integer.toString(partitions));
                local.stopAll();
                local.wipeKafkaAndState();
                local.start("kafka", environment);
                local.start("inventory-processor", environment);
                ProcessorCapacity capacity = new ProcessorCapacity(bootstrapServers);
                Map<String, Long> pids = new LinkedHashMap<>(local.pids());
                scaling.add(logged(capacity.measure(partitions, 1, products, options.scalingRecords(), pids)));
                if (partitions >= 2 && (partitions == 6 || options.scalingPartitions().size() == 1)) {
                    Process second = local.startSecondProcessor(environment);
                    try {
                        pids.put("inventory-processor-2", second.pid());
                        scaling.add(logged(capacity.measure(partitions, 2, products, options.scalingRecords(),
                                pids)));
                    } finally {
                        second.destroy();
                        second.waitFor();
                    }
                }
            }
        } finally {
            local.stopAll();
            local.wipeKafkaAndState();
            local.start();
        }
    }

    private static ProcessorCapacity.Result logged(ProcessorCapacity.Result result) {
        say("processor alone, {} partitions, {} instance(s): {} decisions/s, server time to final p50 {} ms "
                + "p99 {} ms, undecided {}", result.partitions(), result.instances(),
                Math.round(result.decisionsPerSecond()), result.serverTimeToFinal().p50(),
                result.serverTimeToFinal().p99(), result.undecided());
        return result;
    }

    private List<SystemUnderTest> systems() {
        List<SystemUnderTest> systems = new ArrayList<>();
        systems.add(new SystemUnderTest(FLASHSALE, flashsale, true));
        if (baseline != null) {
            Api forUpdate = new Api(baseline.url("for-update"), Optional.empty());
            Api conditional = new Api(baseline.url("conditional"), Optional.empty());
            systems.add(new SystemUnderTest(FOR_UPDATE, forUpdate, false));
            systems.add(new SystemUnderTest(CONDITIONAL, conditional, false));
        }
        return systems;
    }

    /**
     * A short sale against every system before anything is recorded: a JVM just started (by bin/run-local, or by
     * the scaling runs) runs interpreted code, and its first seconds would be charged to whichever system came first.
     */
    private void warmUp(LoadPlan.LoadModel model) throws Exception {
        if (options.warmUpBuyers() <= 0) {
            return;
        }
        say("warming up every system with {} buyers (not recorded)", options.warmUpBuyers());
        int stock = (int) Math.max(1, options.warmUpBuyers() / 2);
        for (SystemUnderTest system : systems()) {
            measureWaiting(system, "warm-up", 1, stock, options.warmUpBuyers(), model);
        }
    }

    /** The same sale against flashsale and, if enabled, each baseline. */
    private void sale(String scenario, int products, int totalStock, long buyers, LoadPlan.LoadModel model)
            throws Exception {
        int stockEach = Math.max(1, totalStock / products);
        for (SystemUnderTest system : systems()) {
            runs.add(measureWaiting(system, scenario, products, stockEach, buyers, model));
        }
    }

    /**
     * Every system in turn, on one hot product that cannot sell out within a step, the arrival rate stepped up; a
     * system's stepping stops after a step whose submit p99 misses the bound by far. Each system's highest rate that
     * met the bound is kept.
     */
    private void openModel(BenchOptions.OpenSweep sweep) throws Exception {
        for (SystemUnderTest system : systems()) {
            for (double rate : sweep.rates()) {
                long buyers = Math.max(1, Math.round(rate * sweep.step().toMillis() / 1000.0));
                Figures step = measure(system, NEVER_SOLD_OUT, 1, (int) Math.min(Integer.MAX_VALUE, buyers), buyers,
                        new LoadPlan.Open(rate));
                openSteps.add(step);
                say("open model, {}, {} buyers/s: submit p99 {} ms, {} final statuses/s{}", system.name(),
                        Math.round(rate), step.submitLatency().p99(), Math.round(step.decisionsPerSecond()),
                        SustainedRate.sustained(step, sweep.p99Bound()) ? ", sustained" : "");
                if (SustainedRate.giveUp(step, sweep.giveUpP99())) {
                    break;
                }
            }
            sustained.add(SustainedRate.of(system.name(), openSteps, sweep));
        }
    }

    /**
     * The order API's CPU per request, warm: POSTs only, then, once every order is decided and readable, one long-poll
     * GET of each order, both at the same arrival rate; the order-api process's CPU read from /proc at each boundary.
     */
    private void apiCpu(BenchOptions.RateRun rate) throws Exception {
        Optional<Long> pid = local.pid("order-api");
        if (pid.isEmpty()) {
            say("order API CPU: skipped, no order-api pid in .local/ (a system of another checkout?)");
            return;
        }
        String run = runId + "-" + (++runCounter);
        long buyers = rate.buyers();
        String product = flashsale.stock("bench " + run + " api-cpu", (int) Math.min(Integer.MAX_VALUE, buyers));
        flashsale.awaitAvailable(product, buyers, Duration.ofSeconds(60));
        LoadPlan.Open model = new LoadPlan.Open(rate.perSecond());
        say("order API CPU: {} POSTs at {}/s, then a GET of each order", buyers, Math.round(rate.perSecond()));
        try (ResultsTap tap = new ResultsTap(bootstrapServers, Set.of(product))) {
            double postLoad = Machine.loadAverage();
            double atStart = ProcessWatch.cpuSeconds(pid.get());
            LoadRecorder posts = loads.run(new LoadPlan(FLASHSALE + " | API CPU, POST only", flashsale.baseUrl(),
                    Demand.single(product), buyers, model, LoadPlan.Requests.ORDER_ONLY, List.of(), "b-" + run + "-",
                    tokens, options.pollInterval(), FINAL_TIMEOUT));
            double afterPosts = ProcessWatch.cpuSeconds(pid.get());
            long settleStart = System.nanoTime();
            Set<String> acknowledged = posts.acknowledged().keySet();
            long lost = tap.awaitDecisions(acknowledged, DECISION_GRACE) ? 0
                    : acknowledged.stream().filter(id -> !tap.decisions().containsKey(id)).count();
            List<LoadPlan.PlacedOrder> placed = posts.placedOrders();
            awaitReadable(placed, tap.recentDecisions());
            double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
            double beforeReads = ProcessWatch.cpuSeconds(pid.get());
            ApiCpu.Phase postPhase = ApiCpu.Phase.of("POST /api/orders", postLoad, posts, acknowledged.size(),
                    afterPosts - atStart);
            ApiCpu.Phase readPhase = null;
            double afterReads = beforeReads;
            if (!placed.isEmpty()) {
                double readLoad = Machine.loadAverage();
                LoadRecorder reads = loads.run(new LoadPlan(FLASHSALE + " | API CPU, GET only", flashsale.baseUrl(),
                        Demand.single(product), placed.size(), model, LoadPlan.Requests.READ_ONLY, placed,
                        "b-" + run + "-", tokens, options.pollInterval(), FINAL_TIMEOUT));
                afterReads = ProcessWatch.cpuSeconds(pid.get());
                long shown = Optional.ofNullable(reads.answers().get("200")).map(LongAdder::sum).orElse(0L);
                readPhase = ApiCpu.Phase.of("GET /api/orders/{id}?wait=10s", readLoad, reads, shown,
                        afterReads - beforeReads);
            }
            apiCpu = new ApiCpu(rate.perSecond(), postPhase, Math.round(settleSeconds * 100) / 100.0,
                    Math.round((beforeReads - afterPosts) * 1000) / 1000.0, readPhase, lost);
            say("order API CPU: {} ms per POST ({} taken), {} ms per GET ({} answered), {} s CPU settling in between;"
                    + " acked without final {}", postPhase.cpuMsPerRequest(), postPhase.answered(),
                    readPhase == null ? "–" : readPhase.cpuMsPerRequest(), readPhase == null ? 0 : readPhase.answered(),
                    apiCpu.settleCpuSeconds(), lost);
        }
    }

    /**
     * Until the orders decided last show a final status through the API (its read model has caught up), or 30 s.
     * Only those few are read, so the reads barely add to the CPU being measured.
     */
    private void awaitReadable(List<LoadPlan.PlacedOrder> placed, List<String> decidedLast) throws Exception {
        Map<String, String> buyers = new HashMap<>();
        placed.forEach(order -> buyers.put(order.orderId(), order.customerId()));
        Set<String> waiting = new HashSet<>(decidedLast);
        waiting.retainAll(buyers.keySet());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (String order : List.copyOf(waiting)) {
                String status = flashsale.status(order, buyers.get(order)).orElse("PENDING");
                if (!status.equals("PENDING")) {
                    waiting.remove(order);
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(100);
            }
        }
    }

    /** flashsale at a fixed arrival rate: how long until the buyer reads the decision, client and server side. */
    private void visibleDecision(BenchOptions.RateRun rate) throws Exception {
        long buyers = rate.buyers();
        SystemUnderTest system = new SystemUnderTest(FLASHSALE, flashsale, true);
        visibleDecision = measureWaiting(system, "decision visible, " + NEVER_SOLD_OUT, 1,
                (int) Math.min(Integer.MAX_VALUE, buyers), buyers, new LoadPlan.Open(rate.perSecond()));
        say("decision visible at {}/s: client p50 {} ms p99 {} ms, server p50 {} ms p99 {} ms",
                Math.round(rate.perSecond()), visibleDecision.clientTimeToFinal().p50(),
                visibleDecision.clientTimeToFinal().p99(), visibleDecision.serverTimeToFinal().p50(),
                visibleDecision.serverTimeToFinal().p99());
    }

    /**
     * At each commit interval (the processor restarted with it): flashsale through the API, and the processor alone
     * with requests produced straight to Kafka, which shows the interval's effect without the HTTP side's noise. The
     * unset default is restored after.
     */
    private void commitIntervalCurve() throws Exception {
        if (options.commitIntervals().isEmpty()) {
            return;
        }
        try {
            for (Duration interval : options.commitIntervals()) {
                local.restartProcessor(Map.of("INVENTORY_COMMIT_INTERVAL", interval.toMillis() + "ms"));
                Figures figures = measure(new SystemUnderTest(FLASHSALE, flashsale, true), "commit.interval.ms="
                                + interval.toMillis() + ", " + options.products() + " products, never sold out",
                        Math.max(1, options.products()), (int) options.curveBuyers(), options.curveBuyers(),
                        new LoadPlan.Closed(options.concurrency()));
                curve.put(interval.toMillis(), figures);
                say("commit.interval.ms={}: {} decisions/s, server time to final p50 {} ms p99 {} ms",
                        interval.toMillis(), Math.round(figures.deciderPerSecond()),
                        figures.serverTimeToFinal().p50(), figures.serverTimeToFinal().p99());
                int partitions = BrokerLimit.partitionsOfOrderRequests(bootstrapServers);
                ProcessorCapacity.Result alone = new ProcessorCapacity(bootstrapServers).measure(partitions, 1, 48,
                        options.curveBuyers(), local.pids());
                curveAlone.put(interval.toMillis(), logged(alone));
            }
        } finally {
            local.restartProcessor(Map.of());
        }
    }

    /**
     * The order API and the processor restarted through bin/run-local, then, as soon as both are up, a sale at a fixed
     * rate; then the same sale again. Last in a run: every measure after it would run on cold JVMs.
     */
    private void freshJvm(BenchOptions.RateRun rate) throws Exception {
        say("fresh JVMs: restarting the order API and the inventory processor");
        long restart = System.nanoTime();
        local.restartServices();
        double restartSeconds = Math.round((System.nanoTime() - restart) / 1e7) / 100.0;
        long buyers = rate.buyers();
        SystemUnderTest system = new SystemUnderTest(FLASHSALE, flashsale, true);
        LoadPlan.Open model = new LoadPlan.Open(rate.perSecond());
        int stock = (int) Math.min(Integer.MAX_VALUE, buyers);
        Measured fresh = run(system, "fresh JVMs, " + NEVER_SOLD_OUT, 1, stock, buyers, model,
                LoadPlan.Requests.ORDER_AND_AWAIT);
        Measured again = run(system, "fresh JVMs, the same sale again, " + NEVER_SOLD_OUT, 1, stock, buyers, model,
                LoadPlan.Requests.ORDER_AND_AWAIT);
        Duration window = rate.duration();
        freshJvm = new FreshJvm(restartSeconds, window, freshSale("just started", fresh, window),
                freshSale("the same again right after", again, window));
        say("fresh JVMs (up after {} s): {} final statuses/s in the first {} s, submit p99 {} ms; right after: {}/s,"
                + " p99 {} ms", restartSeconds, Math.round(freshJvm.fresh().finalsPerSecond()), window.toSeconds(),
                fresh.figures().submitLatency().p99(), Math.round(freshJvm.again().finalsPerSecond()),
                again.figures().submitLatency().p99());
    }

    private static FreshJvm.Sale freshSale(String jvms, Measured measured, Duration window) {
        double finalsPerSecond = measured.recorder().finalsWithin(window) * 1000.0 / window.toMillis();
        return new FreshJvm.Sale(jvms, Math.round(finalsPerSecond * 100) / 100.0, measured.figures());
    }

    private Figures measure(SystemUnderTest system, String scenario, int productCount, int stockEach, long buyers,
            LoadPlan.LoadModel model) throws Exception {
        return run(system, scenario, productCount, stockEach, buyers, model, LoadPlan.Requests.ORDER_AND_AWAIT)
                .figures();
    }

    /**
     * Buyers whose submission waits for the decision ({@code Prefer: wait}), for the measures of final statuses and
     * of the decision's visibility; the open model's steps measure the acknowledgement, and do not.
     */
    private Figures measureWaiting(SystemUnderTest system, String scenario, int productCount, int stockEach,
            long buyers, LoadPlan.LoadModel model) throws Exception {
        return run(system, scenario, productCount, stockEach, buyers, model,
                LoadPlan.Requests.ORDER_WAITING_AND_AWAIT).figures();
    }

    private Measured run(SystemUnderTest system, String scenario, int productCount, int stockEach, long buyers,
            LoadPlan.LoadModel model, LoadPlan.Requests requests) throws Exception {
        String run = runId + "-" + (++runCounter);
        Api api = system.api();
        boolean isFlashsale = system.isFlashsale();
        List<String> products = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            products.add(api.stock("bench " + run + " #" + (i + 1), stockEach));
        }
        if (isFlashsale) {
            for (String product : products) {
                api.awaitAvailable(product, stockEach, Duration.ofSeconds(60));
            }
        }
        Demand demand = productCount == 1 ? Demand.single(products.get(0))
                : Demand.zipf(products, options.zipfExponent(), 42);
        LoadPlan plan = LoadPlan.buyers(system.name() + " | " + scenario, api.baseUrl(), demand, buyers, model,
                requests, "b-" + run + "-", isFlashsale ? tokens : Optional.empty(), options.pollInterval(),
                FINAL_TIMEOUT);
        say("{} | {} | {}: {} buyers, {} unit(s) of each of {} product(s)", system.name(), scenario, describe(model),
                buyers, stockEach, productCount);

        Map<String, Long> pids = new LinkedHashMap<>(isFlashsale ? local.pids() : Map.of());
        if (!isFlashsale) {
            pids.put("baseline", baseline.pid());
        }
        pids.put(ProcessWatch.LOAD_GENERATOR, ProcessHandle.current().pid());
        ResultsTap tap = isFlashsale ? new ResultsTap(bootstrapServers, new HashSet<>(products)) : null;
        double loadAverage = Machine.loadAverage();
        LoadRecorder recorder;
        Map<String, ProcessWatch.Usage> usage;
        try (ProcessWatch watch = new ProcessWatch(pids, true)) {
            recorder = loads.run(plan);
            usage = watch.stop();
        }
        try {
            return new Measured(figures(system.name(), scenario, model, loadAverage, api, products, stockEach, buyers,
                    recorder, tap, usage), recorder);
        } finally {
            if (tap != null) {
                tap.close();
            }
        }
    }

    private Figures figures(String system, String scenario, LoadPlan.LoadModel model, double loadAverage, Api api,
            List<String> products,
            int stockEach, long buyers, LoadRecorder recorder, ResultsTap tap, Map<String, ProcessWatch.Usage> usage)
            throws Exception {
        Set<String> lost = new HashSet<>();
        long unitsSold = 0;
        long oversold = 0;
        Double processorDecisionsPerSecond = null;
        Histogram serverTime = null;
        long duplicates = 0;
        if (tap != null) {
            if (!tap.awaitDecisions(recorder.acknowledged().keySet(), DECISION_GRACE)) {
                recorder.acknowledged().keySet().stream().filter(id -> !tap.decisions().containsKey(id))
                        .forEach(lost::add);
            }
            for (String product : products) {
                long sold = tap.sold(product);
                unitsSold += sold;
                oversold += Math.max(0, sold - stockEach);
            }
            processorDecisionsPerSecond = round(tap.decisionsPerSecond());
            serverTime = tap.serverTimeToFinal();
            duplicates = tap.duplicates();
        } else {
            for (String product : products) {
                long available = api.available(product).orElseThrow();
                unitsSold += stockEach - available;
                oversold += Math.max(0, -available);
            }
        }
        for (String product : products) {
            LongAdder accepted = recorder.acceptedByProduct().get(product);
            oversold = Math.max(oversold, accepted == null ? 0 : accepted.sum() - stockEach);
        }
        for (Map.Entry<String, String> pending : recorder.gaveUp().entrySet()) {
            String status = api.status(pending.getKey(), pending.getValue()).orElse("UNREADABLE");
            if (status.equals("PENDING") || status.equals("UNREADABLE")) {
                lost.add(pending.getKey());
            }
        }
        double seconds = (Math.max(recorder.lastFinalNanos(), recorder.lastAnswerNanos()) - recorder.firstSendNanos())
                / 1e9;
        double submitSpan = (recorder.lastAnswerNanos() - recorder.firstSendNanos()) / 1e9;
        double finalSpan = (recorder.lastFinalNanos() - recorder.firstSendNanos()) / 1e9;
        long finals = recorder.accepted() + recorder.rejected();
        double decisionsPerSecond = finals / Math.max(finalSpan, 1e-3);
        long soldOut = Optional.ofNullable(recorder.answers().get("409")).map(LongAdder::sum).orElse(0L);
        Double sellOut = unitsSold >= (long) stockEach * products.size() && recorder.lastAcceptedNanos() > 0
                ? round((recorder.lastAcceptedNanos() - recorder.firstSendNanos()) / 1e9) : null;
        Map<String, Long> answers = new LinkedHashMap<>();
        recorder.answers().forEach((code, count) -> answers.put(code, count.sum()));
        List<TimePoint> timeline = new ArrayList<>();
        long firstSecond = (recorder.firstSendNanos() - recorder.originNanos()) / 1_000_000_000L;
        Set<Long> active = new java.util.TreeSet<>(recorder.finalsPerSecond().keySet());
        active.addAll(recorder.submitLatencyPerSecond().keySet());
        for (long second : active) {
            LongAdder finalsInSecond = recorder.finalsPerSecond().get(second);
            Histogram latency = recorder.submitLatencyPerSecond().get(second);
            timeline.add(new TimePoint(second - firstSecond, finalsInSecond == null ? 0 : finalsInSecond.sum(),
                    latency == null ? 0 : Percentiles.of(latency).p99()));
        }
        Optional<Double> systemCpu = CpuCost.systemCpuSeconds(system, usage);
        Figures figures = new Figures(system, scenario, describe(model), loadAverage, buyers, stockEach * products.size(),
                products.size(), round(seconds), round(recorder.submitted() / Math.max(submitSpan, 1e-3)),
                round(decisionsPerSecond), processorDecisionsPerSecond, Percentiles.of(recorder.submitLatency()),
                Percentiles.of(recorder.submitServiceTime()), Percentiles.of(recorder.timeToFinal()),
                serverTime == null ? null : Percentiles.of(serverTime), recorder.accepted(), recorder.rejected(),
                soldOut, unitsSold, oversold, recorder.acknowledged().size(), lost.size(), duplicates, sellOut,
                answers, usage, timeline, model instanceof LoadPlan.Open open ? open.perSecond() : null,
                CpuCost.msPer(systemCpu, unitsSold), CpuCost.msPer(systemCpu, finals));
        say("{} | {}: {} submissions/s, {} final statuses/s, sold {} of {}, oversold {}, lost {}, submit p99 {} ms",
                system, scenario, Math.round(figures.submissionsPerSecond()), Math.round(figures.decisionsPerSecond()),
                unitsSold, figures.stock(), oversold, lost.size(), figures.submitLatency().p99());
        return figures;
    }

    static String describe(LoadPlan.LoadModel model) {
        if (model instanceof LoadPlan.Closed closed) {
            return "closed, " + closed.concurrency() + " in flight";
        }
        return "open, " + Math.round(((LoadPlan.Open) model).perSecond()) + " buyers/s";
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
