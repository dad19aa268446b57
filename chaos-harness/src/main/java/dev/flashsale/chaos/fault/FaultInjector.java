package dev.flashsale.chaos.fault;

import dev.flashsale.chaos.load.Sale;
import dev.flashsale.chaos.system.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Injects a round's faults one after the other. A fault and the recovery from it (the restart of what was killed or
 * stopped) are one step; the next fault waits for it, so no fault hits a component still starting. The exception is
 * {@link FaultKind#REBALANCE}: the second processor joins, stays and leaves in the background while the other faults
 * go on (a JVM start takes a quarter of a short round on this machine), so its stay overlaps them as a real
 * rebalance would. {@link FaultKind#CLOCK_FORWARD} and {@link FaultKind#CLOCK_BACK} keep a timeline of their own, at
 * their planned moments while buyers still wait to pay, rather than after slow recoveries when every order may be
 * over already.
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

    private final Cluster cluster;
    /**
     * Held while the processor's clock is stepped and while it restarts: a processor started on a stepped clock would
     * keep that error (SteadyTime reads the wall clock once, at start), a limit the clock faults do not test.
     */
    private final Object processorClock = new Object();
    private final Sale sale;
    private final Random random;
    private final Consumer<String> say;

    /** {@code random} picks the orders to re-send; drawn from the seed like the schedule. */
    public FaultInjector(Cluster cluster, Sale sale, Random random, Consumer<String> say) {
        this.cluster = cluster;
        this.sale = sale;
        this.random = random;
        this.say = say;
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
            case RESTART_BROKER -> cluster.broker().restart();
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
        }
    }
}
