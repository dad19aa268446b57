package dev.flashsale.api.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for an order's decision (long-poll), as futures rather than threads: a waiting request holds a
 * connection and a few objects, no thread. Completed by whoever learns of the decision first, the results listener of
 * this instance or {@link DecisionRecheck}.
 * <p>
 * Bounded: when buyers arrive faster than orders are decided, the waiting requests pile up with the backlog, and an
 * order API with 768 MB of heap died of it at 1,000 buyers/s (about 5,000 waiting). Past the bound a request is
 * answered at once instead, as if it had not asked to wait.
 */
@Component
@EnableConfigurationProperties(LongPollSettings.class)
class DecisionWaiters implements MeterBinder {

    private final Map<String, Set<CompletableFuture<Decision>>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int max;

    @Autowired
    DecisionWaiters(LongPollSettings settings) {
        this(settings.maxWaiting());
    }

    DecisionWaiters(int max) {
        this.max = max;
    }

    /**
     * A future completed with the order's decision; cancelling it stops waiting and forgets it. Null when as many
     * requests wait as may.
     */
    CompletableFuture<Decision> register(String orderId) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return null;
        }
        CompletableFuture<Decision> waiter = new CompletableFuture<>();
        waiting.compute(orderId, (id, waiters) -> {
            Set<CompletableFuture<Decision>> set = waiters != null ? waiters : ConcurrentHashMap.newKeySet();
            set.add(waiter);
            return set;
        });
        waiter.whenComplete((decision, failure) -> {
            count.decrementAndGet();
            forget(orderId, waiter);
        });
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
        return count.get();
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
