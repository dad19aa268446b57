package dev.flashsale.inventory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time Kafka Streams runs the topology on: the wall clock read once, at start, then moved on by the monotonic
 * clock only. Every payment deadline is set and judged on it ({@code context.currentSystemTimeMs()}), and Kafka
 * Streams schedules the wall-clock expiry check on it.
 * <p>
 * Why not the wall clock itself: a wall clock that steps (an NTP correction, a hand-set date, a restored VM) would move
 * every deadline with it. Stepped forward, unpaid orders expire before their deadline in true time; stepped back,
 * Kafka Streams keeps the punctuation's old schedule ({@code PunctuationSchedule.next}) and no expiry check runs
 * until the wall clock is back where it was, so orders stay held for as long as the step. The monotonic clock never
 * steps and NTP slews its rate like the wall clock's, so it keeps true time between steps. A step is reported, never
 * followed: a clock that was wrong at start stays wrong until the process restarts, and a pause the monotonic clock
 * does not count (a suspended VM) delays expiries by that pause.
 */
final class SteadyTime implements Time {

    /** A disagreement between the two clocks that is reported: more than NTP's slewing could ever make. */
    static final long STEP_MS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(SteadyTime.class);
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier wallMillis;
    private final LongSupplier monotonicNanos;
    private final long startMillis;
    private final long startNanos;
    private final AtomicLong nextCheckNanos;
    private volatile long reportedSkewMs;

    SteadyTime(LongSupplier wallMillis, LongSupplier monotonicNanos) {
        this.wallMillis = wallMillis;
        this.monotonicNanos = monotonicNanos;
        this.startNanos = monotonicNanos.getAsLong();
        this.startMillis = wallMillis.getAsLong();
        this.nextCheckNanos = new AtomicLong(startNanos + CHECK_NANOS);
    }

    /** On the system's clocks; {@code wallMillis} is {@code System::currentTimeMillis} but under the chaos harness. */
    static SteadyTime startingFrom(LongSupplier wallMillis) {
        return new SteadyTime(wallMillis, System::nanoTime);
    }

    @Override
    public long milliseconds() {
        long nanos = monotonicNanos.getAsLong();
        long now = startMillis + TimeUnit.NANOSECONDS.toMillis(nanos - startNanos);
        long due = nextCheckNanos.get();
        if (nanos - due >= 0 && nextCheckNanos.compareAndSet(due, nanos + CHECK_NANOS)) {
            reportStep(wallMillis.getAsLong() - now);
        }
        return now;
    }

    private void reportStep(long skewMs) {
        if (Math.abs(skewMs - reportedSkewMs) <= STEP_MS) {
            return;
        }
        reportedSkewMs = skewMs;
        if (Math.abs(skewMs) <= STEP_MS) {
            log.info("The wall clock agrees with the processor's time again");
        } else {
            log.warn("The wall clock is {} ms {} the processor's time; payment deadlines keep to the monotonic clock "
                    + "(restart the processor to take the wall clock again once it is right)", Math.abs(skewMs),
                    skewMs > 0 ? "ahead of" : "behind");
        }
    }

    @Override
    public long nanoseconds() {
        return monotonicNanos.getAsLong();
    }

    @Override
    public void sleep(long ms) {
        Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        synchronized (obj) {
            while (!condition.get()) {
                long wait = deadlineMs - milliseconds();
                if (wait <= 0) {
                    throw new TimeoutException("Condition not satisfied before deadline");
                }
                obj.wait(wait);
            }
        }
    }
}
