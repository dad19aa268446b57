package dev.flashsale.api.order.status;

import dev.flashsale.events.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for an order's decision: long-polls and submissions that prefer to wait, by order ID, at most
 * {@code flashsale.long-poll.max-waiting} at once; and the status streams, which follow every change of an order
 * ({@link #followPast}). Completed by the lifecycle listener of this instance
 * ({@code OrderLifecycleProjection}) or {@link DecisionRecheck}.
 */
@Component
@EnableConfigurationProperties(LongPollSettings.class)
public class DecisionWaiters extends Waiters<String, Decision> implements MeterBinder {

    @Autowired
    DecisionWaiters(LongPollSettings settings) {
        this(settings.maxWaiting());
    }

    DecisionWaiters(int max) {
        super(max);
    }

    /**
     * A future completed with the order's first change to a later step ({@link OrderStatus#step()}) than the status
     * {@code seen} gives when the change comes; with null, its first change. A change the follower has seen already,
     * such as the one a recheck finds again and again, leaves it waiting. Not counted against the bound.
     */
    public CompletableFuture<Decision> followPast(String orderId, Supplier<OrderStatus> seen) {
        return follow(orderId, change -> {
            OrderStatus known = seen.get();
            return known == null || change.status().step() > known.step();
        });
    }

    /** {@code flashsale_long_poll_waiting}: bound by Boot when metrics are on. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flashsale.long_poll.waiting", this, DecisionWaiters::count)
                .description("Requests waiting for an order's decision (GET /api/orders/{id}?wait=...)")
                .register(registry);
    }
}
