package dev.flashsale.benchmark.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the buyers of one run saw, in HdrHistograms with microsecond values: submit latency (from the intended send
 * time in the open model), submit service time (from the actual send), and time from submit to final status as the
 * buyer read it. Every order the system acknowledged is kept by ID so that the run can be checked against the
 * decisions the processor published.
 */
public final class LoadRecorder {

    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    private static final long TEN_MILLIS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Histogram submitLatency = histogram();
    private final Histogram submitServiceTime = histogram();
    private final Histogram timeToFinal = histogram();
    private final Map<Long, Histogram> submitLatencyPerSecond = new ConcurrentSkipListMap<>();
    private final Map<Long, LongAdder> finalsPerSecond = new ConcurrentSkipListMap<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledgedBy = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> finalsPerTenMillis = new ConcurrentSkipListMap<>();
    private final Map<String, String> finalStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> acceptedByProduct = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> answers = new ConcurrentSkipListMap<>();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Map<String, String> gaveUp = new ConcurrentHashMap<>();
    private final AtomicLong firstSendNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAnswerNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastFinalNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastAcceptedNanos = new AtomicLong(Long.MIN_VALUE);
    private final long originNanos;

    public LoadRecorder(long originNanos) {
        this.originNanos = originNanos;
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    void sent(long nanos) {
        firstSendNanos.accumulateAndGet(nanos, Math::min);
    }

    /** An answer to a submit: {@code intendedNanos} is the send time the load model wanted. */
    void answered(int httpStatus, long intendedNanos, long sentNanos, long nowNanos) {
        submitted.increment();
        lastAnswerNanos.accumulateAndGet(nowNanos, Math::max);
        long latency = micros(nowNanos - intendedNanos);
        submitLatency.recordValue(latency);
        submitServiceTime.recordValue(micros(nowNanos - sentNanos));
        submitLatencyPerSecond.computeIfAbsent(second(nowNanos), s -> histogram()).recordValue(latency);
        answers.computeIfAbsent(Integer.toString(httpStatus), code -> new LongAdder()).increment();
    }

    void acknowledged(String orderId, String productId, String customerId) {
        acknowledged.put(orderId, productId);
        acknowledgedBy.put(orderId, customerId);
    }

    /** A final status as the buyer read it; {@code REJECTED} also for a 409 answered before any order existed. */
    void decided(String orderId, String productId, boolean wasAccepted, long submitNanos, long nowNanos) {
        if (wasAccepted) {
            accepted.increment();
            lastAcceptedNanos.accumulateAndGet(nowNanos, Math::max);
            acceptedByProduct.computeIfAbsent(productId, p -> new LongAdder()).increment();
        } else {
            rejected.increment();
        }
        if (orderId != null) {
            finalStatus.put(orderId, wasAccepted ? "ACCEPTED" : "REJECTED");
        }
        timeToFinal.recordValue(micros(nowNanos - submitNanos));
        finalsPerSecond.computeIfAbsent(second(nowNanos), s -> new LongAdder()).increment();
        finalsPerTenMillis.computeIfAbsent((nowNanos - originNanos) / TEN_MILLIS, t -> new LongAdder()).increment();
        lastFinalNanos.accumulateAndGet(nowNanos, Math::max);
    }

    void gaveUp(String orderId, String customerId) {
        gaveUp.put(orderId, customerId);
    }

    private long second(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos - originNanos);
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    public Histogram submitLatency() {
        return submitLatency;
    }

    public Histogram submitServiceTime() {
        return submitServiceTime;
    }

    public Histogram timeToFinal() {
        return timeToFinal;
    }

    public Map<Long, Histogram> submitLatencyPerSecond() {
        return submitLatencyPerSecond;
    }

    public Map<Long, LongAdder> finalsPerSecond() {
        return finalsPerSecond;
    }

    /** Order ID to product ID of every order the system acknowledged with 2xx. */
    public Map<String, String> acknowledged() {
        return acknowledged;
    }

    /** The orders the system acknowledged, each with its buyer and product, for a run that reads them again. */
    public List<LoadPlan.PlacedOrder> placedOrders() {
        List<LoadPlan.PlacedOrder> placed = new ArrayList<>();
        acknowledged.forEach((order, product) -> placed.add(new LoadPlan.PlacedOrder(order, acknowledgedBy.get(order),
                product)));
        return placed;
    }

    /** Final statuses buyers read within {@code window} of the first send (to 10 ms). */
    public long finalsWithin(Duration window) {
        if (firstSendNanos() == Long.MAX_VALUE) {
            return 0;
        }
        long end = (firstSendNanos() - originNanos + window.toNanos()) / TEN_MILLIS;
        long finals = 0;
        for (Map.Entry<Long, LongAdder> bucket : finalsPerTenMillis.entrySet()) {
            if (bucket.getKey() < end) {
                finals += bucket.getValue().sum();
            }
        }
        return finals;
    }

    public Map<String, String> finalStatus() {
        return finalStatus;
    }

    public Map<String, LongAdder> acceptedByProduct() {
        return acceptedByProduct;
    }

    /** HTTP status of each submit answer, with counts; {@code "error"} for no answer at all. */
    public Map<String, LongAdder> answers() {
        return answers;
    }

    public long submitted() {
        return submitted.sum();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    /** Order ID to customer ID of the orders still {@code PENDING} when their buyer stopped reading them. */
    public Map<String, String> gaveUp() {
        return gaveUp;
    }

    public long firstSendNanos() {
        return firstSendNanos.get();
    }

    public long lastAnswerNanos() {
        return lastAnswerNanos.get();
    }

    public long lastFinalNanos() {
        return lastFinalNanos.get();
    }

    /** When a buyer last read an acceptance: with the stock sold out, the sale's end as buyers saw it. */
    public long lastAcceptedNanos() {
        return lastAcceptedNanos.get();
    }

    public long originNanos() {
        return originNanos;
    }
}
