package dev.flashsale.chaos;

import dev.flashsale.chaos.check.Check;
import dev.flashsale.chaos.check.ExpiryDeadlines;
import dev.flashsale.chaos.check.FencedWrites;
import dev.flashsale.chaos.check.Invariants;
import dev.flashsale.chaos.check.LogSnapshot;
import dev.flashsale.chaos.check.OrderState;
import dev.flashsale.chaos.check.ReadModel;
import dev.flashsale.chaos.check.UnsafeAcknowledgements;
import dev.flashsale.chaos.fault.FaultInjector;
import dev.flashsale.chaos.fault.FaultKind;
import dev.flashsale.chaos.fault.InjectedFault;
import dev.flashsale.chaos.fault.PlannedFault;
import dev.flashsale.chaos.fault.FaultSchedule;
import dev.flashsale.chaos.load.Answer;
import dev.flashsale.chaos.load.ApiClient;
import dev.flashsale.chaos.load.BuyerOutcome;
import dev.flashsale.chaos.load.Sale;
import dev.flashsale.chaos.load.SalePlan;
import dev.flashsale.chaos.system.Artifacts;
import dev.flashsale.chaos.system.Cluster;
import dev.flashsale.events.Topics;
import dev.flashsale.tokens.LocalTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@code bin/chaos} run: the system started once as separate processes, then {@code rounds} sales, each with its
 * own products, buyers and fault schedule drawn from the seed, each checked once it has settled; or a soak, one long
 * sale with products in waves and faults spread over all of it, checked once at its end.
 */
public final class ChaosRun {

    /** How long the log, the read model and the API get to catch up after a round before they are judged. */
    private static final Duration SETTLE = Duration.ofSeconds(120);
    /** Longer than any run, so that no retry fails with 401 because its token expired meanwhile. */
    private static final Duration TOKEN_VALIDITY = Duration.ofDays(1);
    /** How often a sale says how far it has come, so that an operator of a long one sees it is alive. */
    private static final Duration PROGRESS = Duration.ofMinutes(1);

    private final ChaosOptions options;
    private final Artifacts artifacts;
    private final PrintStream out;

    public ChaosRun(ChaosOptions options, Artifacts artifacts, PrintStream out) {
        this.options = options;
        this.artifacts = artifacts;
        this.out = out;
    }

    public RunReport run() throws InterruptedException, IOException {
        if (!artifacts.missing().isEmpty()) {
            throw new IllegalStateException("not built: " + artifacts.missing()
                    + " (./mvnw -B -q -DskipTests package)");
        }
        say("seed " + options.seed() + "; to reproduce: " + options.reproduce());
        Path directory = options.workDirectory().resolve("run-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed"
                + options.seed());
        say("starting the system as separate processes; data and logs in " + directory);
        long started = System.nanoTime();
        List<RoundReport> rounds = new ArrayList<>();
        Cluster cluster = Cluster.start(artifacts, directory, options.brokers());
        Thread cleanup = new Thread(cluster::close, "chaos-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            say(String.format("system up in %.1fs: brokers %s, order API %s, PostgreSQL port %d",
                    (System.nanoTime() - started) / 1e9, cluster.brokers().bootstrapServers(), cluster.api().baseUrl(),
                    cluster.postgres().port()));
            cluster.brokers().stampWithAppendTime(Topics.ORDER_LIFECYCLE.name());
            for (int round = 1; round <= options.rounds(); round++) {
                RoundReport report = round(cluster, round);
                rounds.add(report);
                printRound(report);
            }
        } finally {
            say("stopping the system");
            cluster.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        RunReport report = new RunReport(options.seed(), rounds);
        printRun(report);
        if (report.violations() == 0 && !options.keep()) {
            deleteData(directory);
        }
        say("logs: " + directory.resolve("logs"));
        return report;
    }

    private RoundReport round(Cluster cluster, int round) throws InterruptedException, IOException {
        long roundStart = System.nanoTime();
        String name = name(round);
        SalePlan plan = options.soak()
                ? SalePlan.inWaves(options.random(round, 1), options.sale(), options.rate(), options.products())
                : SalePlan.draw(options.random(round, 1), round, options.buyers(), options.products(), options.sale());
        List<FaultKind> kinds = FaultKind.forBrokers(options.brokers());
        List<PlannedFault> schedule = options.soak() ? FaultSchedule.spread(options.random(round, 2), options.sale(),
                kinds) : FaultSchedule.draw(options.random(round, 2), options.sale(), options.extraFaults(), kinds);
        say(name + ": " + plan.buyers().size() + " buyers over " + options.sale().toSeconds() + "s for stock "
                + plan.stock() + (options.soak() ? " (" + options.products() + " products a " + SalePlan.WAVE
                .toMinutes() + "-minute wave)" : "") + ", payment windows " + plan.paymentWindows()
                + "; faults planned:");
        schedule.forEach(fault -> out.println("    " + fault));

        ApiClient api = new ApiClient(cluster.api().baseUrl(), new LocalTokens(cluster.jwtSecret(), TOKEN_VALIDITY));
        Map<String, Integer> stock = new LinkedHashMap<>();
        List<String> productIds = new ArrayList<>();
        for (int index = 0; index < plan.stock().size(); index++) {
            String id = api.createProduct("chaos " + name + " product " + index, plan.stock().get(index),
                    plan.paymentWindows().get(index));
            productIds.add(id);
            stock.put(id, plan.stock().get(index));
        }

        Sale sale = new Sale(api, plan, productIds, options.giveUpAfter(), options.concurrency());
        FaultInjector injector = new FaultInjector(cluster, sale, options.random(round, 3), this::say);
        long saleStart = System.nanoTime();
        Instant saleStartedAt = Instant.now();
        sale.start();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.scheduleAtFixedRate(() -> sayProgress(name, sale, injector, schedule.size(), saleStart),
                PROGRESS.toSeconds(), PROGRESS.toSeconds(), TimeUnit.SECONDS);
        List<InjectedFault> injected;
        List<BuyerOutcome> outcomes;
        try {
            injected = injector.inject(schedule, saleStart);
            outcomes = sale.await();
        } finally {
            progress.shutdownNow();
        }
        say(String.format("%s: sale over after %.1fs; letting the log, read model and API settle", name,
                (System.nanoTime() - saleStart) / 1e9));

        List<Check> checks = new ArrayList<>(settleAndCheck(cluster, api, stock, outcomes,
                sale.counters().contractBreaches()));
        checks.add(ExpiryDeadlines.read(cluster.brokers().bootstrapServers(), outcomes.stream()
                .filter(BuyerOutcome::acknowledged).map(BuyerOutcome::orderId).collect(Collectors.toSet()),
                ExpiryDeadlines.disruptions(injected, saleStartedAt), ExpiryDeadlines.clockSteps(injected,
                        saleStartedAt)).check());
        checks.add(UnsafeAcknowledgements.check(injector.unsafeSpans().all(), sale.counters().firstAttempts()));
        checks.add(FencedWrites.read(cluster.brokers().bootstrapServers(), injector.cutoffs()).check());
        return new RoundReport(round, injected, outcomes, sale.counters().answers(), sale.counters().retries(),
                checks, Duration.ofNanos(System.nanoTime() - roundStart));
    }

    private List<Check> settleAndCheck(Cluster cluster, ApiClient api, Map<String, Integer> stock,
            List<BuyerOutcome> outcomes, List<String> breaches) throws InterruptedException {
        Set<String> acknowledged = new HashSet<>();
        outcomes.stream().filter(BuyerOutcome::acknowledged).forEach(o -> acknowledged.add(o.orderId()));
        long deadline = System.nanoTime() + SETTLE.toNanos();
        ReadModel readModel = new ReadModel(cluster.postgres().jdbcUrl());
        Map<String, OrderState> apiFinal = new LinkedHashMap<>();
        Invariants invariants;
        while (true) {
            LogSnapshot log = LogSnapshot.read(cluster.brokers().bootstrapServers(), stock.keySet());
            Set<String> orders = new HashSet<>(acknowledged);
            orders.addAll(log.decisions().keySet());
            Map<String, OrderState> readOrders;
            Map<String, Integer> readStock;
            try {
                readOrders = readModel.orders(orders);
                readStock = readModel.available(stock.keySet());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the read model", e);
            }
            askForFinalStatuses(api, outcomes, apiFinal, log);
            invariants = new Invariants(stock, outcomes, log, apiFinal, readOrders, readStock, breaches);
            boolean settled = invariants.check().stream().filter(Check::eventual).allMatch(c -> c.violations() == 0);
            if (settled || System.nanoTime() > deadline) {
                return invariants.check();
            }
            Thread.sleep(2000);
        }
    }

    /**
     * Each acknowledged order as the API shows it now, asked as its buyer and put in {@code statuses}; retried while
     * the API is unavailable. An order whose known status is final and the log's is not asked again: a soak has tens
     * of thousands, and a settled order stays so.
     */
    private static void askForFinalStatuses(ApiClient api, List<BuyerOutcome> outcomes,
            Map<String, OrderState> statuses, LogSnapshot log) throws InterruptedException {
        for (BuyerOutcome outcome : outcomes) {
            OrderState known = outcome.acknowledged() ? statuses.get(outcome.orderId()) : null;
            if (!outcome.acknowledged() || known != null && known.isFinal()
                    && known.equals(log.status(outcome.orderId()))) {
                continue;
            }
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    Answer answer = api.order(outcome.plan().subject(), outcome.orderId(), Duration.ZERO);
                    if (answer.status() == 200) {
                        statuses.put(outcome.orderId(), new OrderState(answer.field("status"),
                                answer.field("reason")));
                        break;
                    }
                    if (answer.status() != 503) {
                        statuses.put(outcome.orderId(), new OrderState("HTTP " + answer.status(), null));
                        break;
                    }
                } catch (IOException e) {
                    // the API is unreachable for a moment; ask again
                }
                Thread.sleep(500);
            }
        }
    }

    /** "round 3", or "soak" for a soak's one sale. */
    private String name(int round) {
        return options.soak() ? "soak" : "round " + round;
    }

    /** Elapsed, buyers arrived, acknowledged, units sold, faults started, and the machine's load for the figures. */
    private void sayProgress(String name, Sale sale, FaultInjector injector, int faults, long saleStart) {
        long elapsed = (System.nanoTime() - saleStart) / 1_000_000_000L;
        Sale.Progress progress = sale.progress();
        say(String.format("%s %dm%02ds: %d buyers arrived, %d acknowledged, %d units sold (paid), %d of %d faults;"
                + " load average %.1f", name, elapsed / 60, elapsed % 60, progress.arrived(), progress.acknowledged(),
                progress.unitsPaid(), injector.started(), faults,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private void printRound(RoundReport report) {
        String name = name(report.round());
        out.println();
        say(name + " faults:");
        Table faults = new Table("fault", "planned at", "started at", "recovered in", "failure");
        for (InjectedFault fault : report.faults()) {
            faults.row(fault.planned().kind(), seconds(fault.planned().at()), seconds(fault.startedAt()),
                    seconds(fault.recovery()), fault.failure() == null ? "" : fault.failure().lines().findFirst()
                            .orElse(""));
        }
        faults.print(out);
        Map<String, Long> byStatus = report.statuses();
        say(String.format("%s buyers: %d, acknowledged (202) %d (rejected %d, paid %d, cancelled %d, expired %d,"
                + " not final %d), sold out (409) %d; answers %s; retries %s", name, report.outcomes().size(),
                report.acknowledged(), byStatus.getOrDefault("REJECTED", 0L), byStatus.getOrDefault("PAID", 0L),
                byStatus.getOrDefault("CANCELLED", 0L), byStatus.getOrDefault("EXPIRED", 0L),
                byStatus.getOrDefault("PENDING", 0L) + byStatus.getOrDefault("ACCEPTED", 0L), report.soldOut(),
                report.answers(), report.retries()));
        Table checks = new Table("check", "figure", "violations", "examples");
        for (Check check : report.checks()) {
            checks.row(check.name(), check.figure(), check.violations(), String.join("; ", check.examples()));
        }
        checks.print(out);
        say(String.format("%s: %d violations, %.1fs", name, report.violations(), report.took().toMillis() / 1000.0));
    }

    private void printRun(RunReport report) {
        out.println();
        say("seed " + report.seed() + ", " + (options.soak() ? "a soak of " + options.sale().toSeconds() + "s at "
                + options.rate() + " buyers/s" : report.rounds().size() + " rounds"));
        Table totals = new Table("what", "count");
        report.faultsByKind().forEach((kind, count) -> totals.row("fault " + kind, count));
        totals.row("faults", report.faultsByKind().values().stream().mapToLong(Long::longValue).sum());
        totals.row("orders (buyers)", report.orders());
        totals.row("refused sold out (409)", report.soldOut());
        totals.row("acknowledged (202)", report.acknowledged());
        for (String status : List.of("REJECTED", "PAID", "CANCELLED", "EXPIRED")) {
            totals.row("  " + status.toLowerCase(java.util.Locale.ROOT), report.rounds().stream()
                    .mapToLong(round -> round.statuses().getOrDefault(status, 0L)).sum());
        }
        totals.row("units sold (paid)", report.unitsPaid());
        totals.row("client retries", report.retries());
        totals.row("violations", report.violations());
        totals.print(out);
        say(report.violations() == 0 ? "no violations" : report.violations() + " VIOLATIONS; reproduce with "
                + options.reproduce());
    }

    private static String seconds(Duration duration) {
        return String.format("%.1fs", duration.toMillis() / 1000.0);
    }

    /** The broker's, PostgreSQL's and the processors' data; the logs stay. */
    private static void deleteData(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : children.filter(c -> !c.getFileName().toString().equals("logs")).toList()) {
                try (Stream<Path> files = Files.walk(child)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    private void say(String message) {
        out.println("chaos: " + message);
        out.flush();
    }

    static Set<FaultKind> kinds(RunReport report) {
        Set<FaultKind> kinds = new HashSet<>();
        report.faultsByKind().forEach((kind, count) -> {
            if (count > 0) {
                kinds.add(kind);
            }
        });
        return kinds;
    }
}
