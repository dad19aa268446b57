package dev.flashsale.chaos.fault;

import dev.flashsale.chaos.load.Sale;
import dev.flashsale.chaos.system.Broker;
import dev.flashsale.chaos.system.Brokers;
import dev.flashsale.chaos.system.Cluster;
import dev.flashsale.chaos.system.ManagedProcess;
import dev.flashsale.chaos.system.Processor;
import dev.flashsale.chaos.system.ProxiedClient;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Injects a round's faults one after the other. A fault and the recovery from it (the restart of what was killed or
 * stopped) are one step; the next fault waits for it, so no fault hits a component still starting. The exception is
 * {@link FaultKind#REBALANCE}: the second processor joins, stays and leaves in the background while the other faults
 * go on (a JVM start takes a quarter of a short round on this machine), so its stay overlaps them as a real
 * rebalance would ({@link FaultKind#PARTITION_PROCESSOR}, which needs that instance too, waits for it to have left).
 * {@link FaultKind#CLOCK_FORWARD} and {@link FaultKind#CLOCK_BACK} keep a timeline of their own, at their planned
 * moments while buyers still wait to pay, rather than after slow recoveries when every order may be over already.
 */
public final class FaultInjector {

    /** How many acknowledged orders one {@link FaultKind#RESEND} sends again. */
    static final int RESENT_PER_FAULT = 5;
    /** How far {@link FaultKind#CLOCK_FORWARD} and {@link FaultKind#CLOCK_BACK} step the processor's wall clock. */
    static final Duration CLOCK_STEP = Duration.ofMinutes(10);
    /**
     * How much longer than the drawn hold a clock stays stepped: longer than the longest payment window (8 s), so that
     * orders are accepted and fall due while it is wrong.
     */
    static final Duration CLOCK_HOLD_EXTRA = Duration.ofSeconds(8);
    /** The inventory processor's transactional IDs start with its application ID. */
    static final String PROCESSOR_TRANSACTIONS = "flashsale-inventory-";
    /** Orders sent by the harness itself while below min ISR, so that the check always has some to judge. */
    static final int PROBES = 5;
    /** How long such an order waits for its answer: above the API's publish timeout (5 s), so it hears the 503. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(8);
    /** The inventory processor's consumer group: its application ID. */
    static final String PROCESSOR_GROUP = "flashsale-inventory";
    /**
     * The processor's {@code session.timeout.ms} ({@code InventoryTopology.streamsProperties}): how long the group
     * waits for a silent member before it hands the member's partitions to the others.
     */
    static final Duration PROCESSOR_SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** How much longer than the session timeout a processor stays partitioned at least. */
    static final Duration SESSION_MARGIN = Duration.ofSeconds(5);
    /**
     * The topics the processor writes to: where a fenced instance's records must not show. Not the order commands:
     * it writes only proposals to expire there, from a wall-clock punctuation that nothing fences, and the partition's
     * owner decides each when it reads it back.
     */
    static final List<String> PROCESSOR_OUTPUTS = List.of(Topics.ORDER_RESULTS.name(), Topics.ORDER_LIFECYCLE.name(),
            Topics.STOCK_LEVELS.name(), Topics.DECISION_PROGRESS.name(), Topics.ORDER_REQUESTS.name());

    private final Cluster cluster;
    /**
     * Held while the processor's clock is stepped and while it restarts: a processor started on a stepped clock would
     * keep that error (SteadyTime reads the wall clock once, at start), a limit the clock faults do not test.
     */
    private final Object processorClock = new Object();
    private final Sale sale;
    private final Random random;
    private final Consumer<String> say;
    private final UnsafeSpans unsafeSpans = new UnsafeSpans();
    private final Queue<Cutoff> cutoffs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger started = new AtomicInteger();

    /** {@code random} picks the orders to re-send; drawn from the seed like the schedule. */
    public FaultInjector(Cluster cluster, Sale sale, Random random, Consumer<String> say) {
        this.cluster = cluster;
        this.sale = sale;
        this.random = random;
        this.say = say;
    }

    /** How many faults have started so far, for a progress line. */
    public int started() {
        return started.get();
    }

    /**
     * When no order could be written safely: the brokers below min ISR ({@link FaultKind#PAUSE_BROKERS}), or the order
     * API partitioned from them ({@link FaultKind#PARTITION_API}).
     */
    public UnsafeSpans unsafeSpans() {
        return unsafeSpans;
    }

    /** The processor instances {@link FaultKind#PARTITION_PROCESSOR} cut off, and when their writes were fenced. */
    public List<Cutoff> cutoffs() {
        return List.copyOf(cutoffs);
    }

    public List<InjectedFault> inject(List<PlannedFault> schedule, long saleStartNanos) throws InterruptedException {
        List<InjectedFault> injected = new ArrayList<>();
        CompletableFuture<InjectedFault> rebalance = CompletableFuture.completedFuture(null);
        List<PlannedFault> clockFaults = schedule.stream().filter(FaultInjector::stepsTheClock).toList();
        CompletableFuture<List<InjectedFault>> clockSteps = CompletableFuture.supplyAsync(
                () -> stepOneAfterTheOther(clockFaults, saleStartNanos),
                runnable -> new Thread(runnable, "clock-steps").start());
        for (PlannedFault fault : schedule) {
            long due = saleStartNanos + fault.at().toNanos() - System.nanoTime();
            if (due > 0) {
                Thread.sleep(due / 1_000_000);
            }
            if (fault.kind() == FaultKind.REBALANCE) {
                collect(rebalance, injected); // one second instance at a time
                rebalance = CompletableFuture.supplyAsync(() -> step(fault, saleStartNanos),
                        runnable -> new Thread(runnable, "rebalance").start());
                continue;
            }
            if (stepsTheClock(fault)) {
                continue;
            }
            if (fault.kind() == FaultKind.PARTITION_PROCESSOR) {
                collect(rebalance, injected); // it needs the second instance
                rebalance = CompletableFuture.completedFuture(null);
            }
            InjectedFault done = step(fault, saleStartNanos);
            injected.add(done);
            if (done.failure() != null) {
                break; // a component that did not come back makes every later fault meaningless
            }
        }
        collect(rebalance, injected);
        injected.addAll(clockSteps.join());
        injected.sort(java.util.Comparator.comparing(InjectedFault::startedAt));
        return injected;
    }

    private static boolean stepsTheClock(PlannedFault fault) {
        return fault.kind() == FaultKind.CLOCK_FORWARD || fault.kind() == FaultKind.CLOCK_BACK;
    }

    /** The clock faults on a timeline of their own, each at its planned moment or after the step before it. */
    private List<InjectedFault> stepOneAfterTheOther(List<PlannedFault> faults, long saleStartNanos) {
        List<InjectedFault> done = new ArrayList<>();
        try {
            for (PlannedFault fault : faults) {
                long due = saleStartNanos + fault.at().toNanos() - System.nanoTime();
                if (due > 0) {
                    Thread.sleep(due / 1_000_000);
                }
                done.add(step(fault, saleStartNanos));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return done;
    }

    private static void collect(CompletableFuture<InjectedFault> background, List<InjectedFault> injected) {
        InjectedFault done = background.join();
        if (done != null) {
            injected.add(done);
        }
    }

    private InjectedFault step(PlannedFault fault, long saleStartNanos) {
        Duration startedAt = Duration.ofNanos(System.nanoTime() - saleStartNanos);
        started.incrementAndGet();
        say.accept(String.format("t=%5.1fs fault %s", startedAt.toMillis() / 1000.0, fault.kind()));
        long start = System.nanoTime();
        String failure = null;
        try {
            inject(fault);
        } catch (RuntimeException e) {
            failure = e.getMessage();
            say.accept("fault " + fault.kind() + ": the system did not come back: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        say.accept(String.format("t=%5.1fs fault %s done in %.1fs", (System.nanoTime() - saleStartNanos) / 1e9,
                fault.kind(), took.toMillis() / 1000.0));
        return new InjectedFault(fault, startedAt, took, failure);
    }

    private void inject(PlannedFault fault) throws InterruptedException {
        switch (fault.kind()) {
            case KILL_PROCESSOR -> {
                synchronized (processorClock) {
                    cluster.processor().kill();
                    cluster.processor().start();
                }
            }
            case KILL_API -> {
                cluster.api().kill();
                cluster.api().start();
            }
            case RESTART_BROKER -> cluster.brokers().restart();
            case REBALANCE -> {
                cluster.secondProcessor().start();
                Thread.sleep(fault.hold().toMillis());
                cluster.secondProcessor().stop();
            }
            case RESTART_POSTGRES -> cluster.postgres().restart();
            case CUT_POSTGRES -> {
                cluster.databaseProxy().cut();
                try {
                    Thread.sleep(fault.hold().toMillis());
                } finally {
                    cluster.databaseProxy().restore();
                }
            }
            case RESEND -> sale.resendAcknowledged(random, RESENT_PER_FAULT, Duration.ofSeconds(60));
            case CLOCK_FORWARD, CLOCK_BACK -> {
                Duration step = fault.kind() == FaultKind.CLOCK_FORWARD ? CLOCK_STEP : CLOCK_STEP.negated();
                synchronized (processorClock) {
                    cluster.processor().stepClock(step);
                    try {
                        Thread.sleep(fault.hold().plus(CLOCK_HOLD_EXTRA).toMillis());
                    } finally {
                        cluster.processor().stepClock(step.negated());
                    }
                }
            }
            case KILL_LEADER -> {
                int leader = cluster.brokers().leaderFor(Topics.ORDER_REQUESTS.name(), sale.hotProduct());
                say.accept("  broker " + leader + " leads the hot product's partition");
                cluster.brokers().killAndRestart(leader);
            }
            case KILL_COORDINATOR -> {
                int coordinator = cluster.brokers().transactionCoordinator(PROCESSOR_TRANSACTIONS);
                say.accept("  broker " + coordinator + " coordinates the processor's transactions");
                cluster.brokers().killAndRestart(coordinator);
            }
            case PAUSE_BROKERS -> pauseFollowers(fault.hold());
            case PARTITION_PROCESSOR -> partitionProcessor();
            case PARTITION_API -> partitionApi(fault.hold());
        }
    }

    /**
     * Partitions the first processor instance from every broker while the second runs, past the session timeout and
     * until the group has handed every partition to the second, then heals. The first must be fenced meanwhile, and
     * come back: rejoin the group, or, should it exit, be started again as an operator would. The second then leaves
     * as after {@link FaultKind#REBALANCE}.
     */
    private void partitionProcessor() throws InterruptedException {
        Brokers brokers = cluster.brokers();
        Processor first = cluster.processor();
        // Kafka Streams names its consumers <client.id>-StreamThread-<n>-consumer, and the client ID is the instance.
        String members = first.instance() + "-StreamThread-";
        cluster.secondProcessor().start();
        try {
            brokers.partition(ProxiedClient.PROCESSOR);
            long cut = System.nanoTime();
            Map<TopicPartition, Long> movedOn;
            try {
                Thread.sleep(PROCESSOR_SESSION_TIMEOUT.plus(SESSION_MARGIN).toMillis());
                brokers.awaitStableMembers(PROCESSOR_GROUP, members, count -> count == 0, Duration.ofMinutes(2));
                movedOn = brokers.endOffsets(PROCESSOR_OUTPUTS);
                say.accept(String.format("  %s partitioned; the group moved on without it after %.1fs",
                        first.instance(), secondsSince(cut)));
            } finally {
                brokers.heal(ProxiedClient.PROCESSOR);
            }
            Map<TopicPartition, Long> rejoined = Map.of();
            try {
                rejoined = awaitRejoined(first, members);
            } finally {
                cutoffs.add(new Cutoff(first.instance(), movedOn, rejoined));
            }
        } finally {
            cluster.secondProcessor().stop();
        }
    }

    /**
     * Waits until a member of the healed instance has joined the group again, starting the instance again if it
     * exited, and returns the end of every partition the processor writes to at that moment; then waits until it is
     * RUNNING.
     */
    private Map<TopicPartition, Long> awaitRejoined(Processor instance, String members) throws InterruptedException {
        long healed = System.nanoTime();
        long mark = instance.process().logEnd();
        long deadline = healed + ManagedProcess.START_TIMEOUT.toNanos();
        boolean restarted = false;
        while (!back(members)) {
            if (!instance.process().isAlive()) {
                say.accept("  " + instance.instance() + " exited after the heal; starting it again");
                synchronized (processorClock) {
                    instance.start();
                }
                restarted = true;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(instance.instance() + " did not rejoin the group within "
                        + ManagedProcess.START_TIMEOUT + " of the heal");
            }
            Thread.sleep(100);
        }
        Map<TopicPartition, Long> rejoined = cluster.brokers().endOffsets(PROCESSOR_OUTPUTS);
        double rejoinedAfter = secondsSince(healed);
        if (!restarted) {
            instance.process().awaitReady("RUNNING again after the heal", ManagedProcess.START_TIMEOUT,
                    () -> instance.runningSince(mark));
        }
        say.accept(String.format("  %s %s the group %.1fs after the heal, RUNNING after %.1fs", instance.instance(),
                restarted ? "restarted, back in" : "rejoined", rejoinedAfter, secondsSince(healed)));
        return rejoined;
    }

    private boolean back(String members) {
        try {
            // Joined, not stable: the group may take seconds of follow-up rebalances to settle, while the instance
            // already writes for the tasks it got back; those writes are its own, not a fenced instance's.
            return cluster.brokers().members(PROCESSOR_GROUP, members) > 0;
        } catch (IllegalStateException e) {
            return false; // the brokers did not answer this time
        }
    }

    /**
     * Partitions the order API from every broker; meanwhile the harness sends orders of its own that wait longer than
     * the API's publish timeout, and holds the partition until they are answered, {@code hold} at least. No order
     * can reach a broker then, so none may be acknowledged: the span is recorded as unsafe, as below min ISR.
     */
    private void partitionApi(Duration hold) throws InterruptedException {
        Brokers brokers = cluster.brokers();
        brokers.partition(ProxiedClient.ORDER_API);
        try {
            probeUnsafeSpan(sale.hotProduct(), "while the order API was partitioned", hold);
        } finally {
            brokers.heal(ProxiedClient.ORDER_API);
        }
    }

    /**
     * Sends the harness's own orders for {@code product} while no write can be made safely, holds until they are
     * answered, {@code hold} at least, and records the span for {@code UnsafeAcknowledgements}.
     */
    private void probeUnsafeSpan(String product, String when, Duration hold) throws InterruptedException {
        long from = System.nanoTime();
        try {
            int answered = sale.probe(product, PROBES, PROBE_TIMEOUT);
            say.accept("  " + answered + " of " + PROBES + " orders sent " + when + " answered");
            Thread.sleep(Math.max(0, hold.toNanos() - (System.nanoTime() - from)) / 1_000_000);
        } finally {
            unsafeSpans.add(new UnsafeSpans.Span(from, System.nanoTime()));
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    /**
     * Freezes one follower of the hot partition until its leader drops it from the ISR, then the other: the leader is
     * left alone, and no write can reach min.insync.replicas until the second follower is resumed. The span between
     * is recorded; the harness sends orders of its own in it and holds it until they are answered, {@code hold} at
     * least.
     */
    private void pauseFollowers(Duration hold) throws InterruptedException {
        Brokers brokers = cluster.brokers();
        String hot = sale.hotProduct();
        int leader = brokers.leaderFor(Topics.ORDER_REQUESTS.name(), hot);
        List<Broker> followers = brokers.nodes().stream().filter(node -> node.nodeId() != leader).toList();
        Broker first = followers.get(0);
        Broker second = followers.get(1);
        first.process().pause();
        try {
            boolean shrunk = brokers.awaitOutOfSync(Topics.ORDER_REQUESTS.name(), hot, first.nodeId(),
                    Brokers.REPLICA_LAG_LIMIT.multipliedBy(4));
            say.accept("  broker " + first.nodeId() + " paused, " + (shrunk ? "out of the ISR" : "still in the ISR")
                    + "; pausing broker " + second.nodeId() + ", leader " + leader + " left alone");
            second.process().pause();
            try {
                probeUnsafeSpan(hot, "below min ISR", hold);
            } finally {
                second.process().resume();
            }
        } finally {
            first.process().resume();
        }
        brokers.awaitInSync(Duration.ofMinutes(2));
    }
}
