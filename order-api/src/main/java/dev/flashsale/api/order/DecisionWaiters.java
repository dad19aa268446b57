package dev.flashsale.api.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for an order's decision (long-poll), as futures rather than threads: a waiting request holds a
 * connection and a few objects, no thread. Completed by whoever learns of the decision first, the results listener of
 * this instance or {@link DecisionRecheck}.
 */
@Component
class DecisionWaiters implements MeterBinder {

    private final Map<String, Set<CompletableFuture<Decision>>> waiting = new ConcurrentHashMap<>();

    /** A future completed with the order's decision; cancelling it stops waiting and forgets it. */
    CompletableFuture<Decision> register(String orderId) {
        CompletableFuture<Decision> waiter = new CompletableFuture<>();
        waiting.compute(orderId, (id, waiters) -> {
            Set<CompletableFuture<Decision>> set = waiters != null ? waiters : ConcurrentHashMap.newKeySet();
            set.add(waiter);
            return set;
        });
        waiter.whenComplete((decision, failure) -> forget(orderId, waiter));
        return waiter;
    }

    /**
     * Completes every waiter of the order. Call it only once the decision is committed: a waiter registered after this
     * call must find the decision when it reads the order.
     */
    void decided(String orderId, Decision decision) {
        Set<CompletableFuture<Decision>> waiters = waiting.remove(orderId);
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(decision));
        }
    }

    Set<String> waitingOrderIds() {
        return Set.copyOf(waiting.keySet());
    }

    /** How many requests wait now. */
    int count() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /** {@code flashsale_long_poll_waiting}: bound by Boot when metrics are on. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flashsale.long_poll.waiting", this, DecisionWaiters::count)
                .description("Requests waiting for an order's decision (GET /api/orders/{id}?wait=...)")
                .register(registry);
    }

    private void forget(String orderId, CompletableFuture<Decision> waiter) {
        waiting.computeIfPresent(orderId, (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }
}
