package dev.flashsale.api.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for an order's decision: long-polls and submissions that prefer to wait, by order ID, at most
 * {@code flashsale.long-poll.max-waiting} at once. Completed by the lifecycle listener of this instance
 * ({@link OrderLifecycleProjection}) or {@link DecisionRecheck}.
 */
@Component
@EnableConfigurationProperties(LongPollSettings.class)
class DecisionWaiters extends Waiters<String, Decision> implements MeterBinder {

    @Autowired
    DecisionWaiters(LongPollSettings settings) {
        this(settings.maxWaiting());
    }

    DecisionWaiters(int max) {
        super(max);
    }

    /** {@code flashsale_long_poll_waiting}: bound by Boot when metrics are on. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flashsale.long_poll.waiting", this, DecisionWaiters::count)
                .description("Requests waiting for an order's decision (GET /api/orders/{id}?wait=...)")
                .register(registry);
    }
}
