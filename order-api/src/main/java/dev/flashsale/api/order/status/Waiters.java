package dev.flashsale.api.order.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Requests waiting for an answer that is made elsewhere (an order's decision, the order aggregator's answer to a
 * command), keyed by what they wait for, as futures rather than threads: a waiting request holds a connection and a
 * few objects, no thread. Completed by whoever learns of the answer first: this instance's listener once the read model
 * has the answer, or {@link #recheck} for answers another instance consumed.
 * <p>
 * Bounded: when requests arrive faster than they are answered, the waiting ones pile up with the backlog, and an order
 * API with 768 MB of heap ran out of it. Past the bound {@link #register} refuses, and the request is answered at once
 * instead, as if it had not asked to wait. A follower ({@link #follow}), which bounds its own kind, is not counted.
 *
 * @param <K> what a request waits for, such as an order ID
 * @param <V> the answer
 */
class Waiters<K, V> {

    /** Keys looked up in the read model by one query of {@link #recheck}. */
    static final int RECHECK_CHUNK = 1_000;

    private final Map<K, Set<Waiter<V>>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int max;

    /** @param max how many requests may wait at once */
    Waiters(int max) {
        this.max = max;
    }

    /**
     * A future completed with the answer for the key; cancelling it stops waiting and forgets it. Null when as many
     * requests wait as may.
     */
    public CompletableFuture<V> register(K key) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return null;
        }
        CompletableFuture<V> waiter = add(key, answer -> true);
        waiter.whenComplete((answer, failure) -> count.decrementAndGet());
        return waiter;
    }

    /**
     * A future completed with the first answer for the key that {@code wanted} accepts, asked when the answer comes;
     * answers it refuses leave it waiting. Not counted against the bound: for callers that bound themselves.
     */
    public CompletableFuture<V> follow(K key, Predicate<? super V> wanted) {
        return add(key, wanted);
    }

    /**
     * Completes every waiter of the key that wants the answer. Call it only once the answer is committed to the read
     * model: a waiter registered after this call must find the answer when it reads.
     */
    public void complete(K key, V answer) {
        Set<Waiter<V>> waiters = waiting.get(key);
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.offer(answer));
        }
    }

    /**
     * Completes the waiters whose answer {@code lookup} finds in the read model, asking it for at most
     * {@value #RECHECK_CHUNK} keys at a time. With several API instances, each consumes some partitions only, so an
     * answer may reach the read model through another instance than the one holding its request.
     */
    public void recheck(Function<List<K>, Map<K, V>> lookup) {
        List<K> keys = new ArrayList<>(waiting.keySet());
        for (int from = 0; from < keys.size(); from += RECHECK_CHUNK) {
            lookup.apply(keys.subList(from, Math.min(keys.size(), from + RECHECK_CHUNK))).forEach(this::complete);
        }
    }

    Set<K> keys() {
        return Set.copyOf(waiting.keySet());
    }

    /** How many requests wait now. */
    public int count() {
        return count.get();
    }

    private CompletableFuture<V> add(K key, Predicate<? super V> wanted) {
        Waiter<V> waiter = new Waiter<>(wanted);
        waiting.compute(key, (k, waiters) -> {
            Set<Waiter<V>> set = waiters != null ? waiters : ConcurrentHashMap.newKeySet();
            set.add(waiter);
            return set;
        });
        waiter.whenComplete((answer, failure) -> forget(key, waiter));
        return waiter;
    }

    private void forget(K key, Waiter<V> waiter) {
        waiting.computeIfPresent(key, (k, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** A waiter and which answers it waits for. */
    private static final class Waiter<V> extends CompletableFuture<V> {

        private final Predicate<? super V> wanted;

        Waiter(Predicate<? super V> wanted) {
            this.wanted = wanted;
        }

        void offer(V answer) {
            if (wanted.test(answer)) {
                complete(answer);
            }
        }
    }
}
