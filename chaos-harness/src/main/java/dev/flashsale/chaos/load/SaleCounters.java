package dev.flashsale.chaos.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;

/** What the buyers saw on the wire: answers by status, retries by cause, and answers that break the contract. */
public final class SaleCounters {

    /** Why a buyer sent the same request again. */
    public enum RetryCause { TIMEOUT, CONNECTION, UNAVAILABLE_503, SERVER_ERROR, RATE_LIMITED }

    private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
    private final Map<RetryCause, LongAdder> retries = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<String> contractBreaches = new ConcurrentSkipListSet<>();
    private final java.util.Queue<FirstAttempt> firstAttempts = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * A buyer's first {@code POST /api/orders} and its answer: no earlier attempt with its Idempotency-Key exists, so a
     * 202 to it can only be a write the broker acknowledged, never the replay of one.
     *
     * @param sentAt     {@link System#nanoTime()} when it was sent
     * @param answeredAt when its answer came
     */
    public record FirstAttempt(String buyer, long sentAt, long answeredAt, int status) {
    }

    void answered(int status) {
        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void retried(RetryCause cause) {
        retries.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    /** A 5xx other than 503, a 503 without Retry-After, a 404 for an acknowledged order, a changed order ID... */
    void breach(String what) {
        contractBreaches.add(what);
    }

    void firstAttempt(FirstAttempt attempt) {
        firstAttempts.add(attempt);
    }

    public java.util.List<FirstAttempt> firstAttempts() {
        return java.util.List.copyOf(firstAttempts);
    }

    public Map<Integer, Long> answers() {
        Map<Integer, Long> copy = new TreeMap<>();
        answers.forEach((status, count) -> copy.put(status, count.sum()));
        return copy;
    }

    public Map<RetryCause, Long> retries() {
        Map<RetryCause, Long> copy = new TreeMap<>();
        retries.forEach((cause, count) -> copy.put(cause, count.sum()));
        return copy;
    }

    public long retryCount() {
        return retries().values().stream().mapToLong(Long::longValue).sum();
    }

    public java.util.List<String> contractBreaches() {
        return java.util.List.copyOf(contractBreaches);
    }
}
