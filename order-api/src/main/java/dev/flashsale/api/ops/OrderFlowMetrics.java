package dev.flashsale.api.ops;

import dev.flashsale.api.kafka.DeadLetters;
import dev.flashsale.api.kafka.ReadModelObserver;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

/**
 * The order flow as Prometheus sees it, measured where the API sees it:
 * <ul>
 * <li>{@value #SUBMITTED}: {@code POST /api/orders} by outcome ({@code received}, {@code refused},
 * {@code rate_limited}, {@code unavailable}) and HTTP status, counted by {@link OrderRequestFilter};
 * <li>{@value #DECIDED}: whole orders decided (the order aggregator's ACCEPTED or REJECTED) as applied to the read
 * model, by {@code outcome} and {@code reason};
 * <li>{@value #SETTLED}: orders that reached PAID, CANCELLED or EXPIRED, by {@code status};
 * <li>{@value #DECISION_LATENCY}: request to the whole order's decision, from the status change's own timestamps
 * ({@code occurredAt - requestedAt}): the time the order spent in Kafka, the line decisions and the aggregator;
 * <li>{@value #END_TO_END_LATENCY}: request to the moment the buyer can read the decision ({@code GET
 * /api/orders/{id}}), the decision latency plus the read model's;
 * <li>{@value #STOCK_LEVEL_UPDATES}: stock levels applied to the read model;
 * <li>{@value #DEAD_LETTERS}: records the read model sent to the dead-letter topic, by source topic and reason.
 * </ul>
 * Latencies are histograms, so p50/p99 can be computed over any window and any number of instances.
 */
@Component
public class OrderFlowMetrics implements ReadModelObserver, RetryListener {

    static final String SUBMITTED = "flashsale.orders.submitted";
    static final String DECIDED = "flashsale.orders.decided";
    static final String SETTLED = "flashsale.orders.settled";
    static final String DECISION_LATENCY = "flashsale.order.decision.latency";
    static final String END_TO_END_LATENCY = "flashsale.order.end.to.end.latency";
    static final String STOCK_LEVEL_UPDATES = "flashsale.stock.level.updates";
    static final String DEAD_LETTERS = "flashsale.dead.letters";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter accepted;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final Map<OrderStatus, Counter> settled = new EnumMap<>(OrderStatus.class);
    private final Timer decisionLatency;
    private final Timer endToEndLatency;
    private final Counter stockLevelUpdates;

    OrderFlowMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        // Registered up front, so a dashboard shows zero rather than nothing before the first decision.
        this.accepted = decided("accepted", "none");
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, decided("rejected", reason.name()));
        }
        for (OrderStatus status : List.of(OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.EXPIRED)) {
            settled.put(status, Counter.builder(SETTLED)
                    .description("Orders that were paid, cancelled or expired, as applied to the read model")
                    .tag("status", status.name())
                    .register(registry));
        }
        this.decisionLatency = latency(DECISION_LATENCY, "From the order request to the processor's decision");
        this.endToEndLatency = latency(END_TO_END_LATENCY,
                "From the order request to its decision being readable through the API");
        this.stockLevelUpdates = Counter.builder(STOCK_LEVEL_UPDATES)
                .description("Stock levels applied to the read model").register(registry);
        submitted("received", 202, 0);
    }

    /** A {@code POST /api/orders} was answered with {@code status}. */
    void submitted(int status) {
        submitted(outcome(status), status, 1);
    }

    static String outcome(int status) {
        if (status < 400) {
            return "received";
        }
        if (status == 429) {
            return "rate_limited";
        }
        return status < 500 ? "refused" : "unavailable";
    }

    private void submitted(String outcome, int status, int count) {
        Counter.builder(SUBMITTED)
                .description("POST /api/orders by outcome and HTTP status")
                .tag("outcome", outcome)
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment(count);
    }

    @Override
    public void applied(Topic<String, ?> topic, List<?> events) {
        Instant now = clock.instant();
        for (Object event : events) {
            if (event instanceof OrderStatusChanged change) {
                changed(change, now);
            } else if (event instanceof StockLevel) {
                stockLevelUpdates.increment();
            }
        }
    }

    private void changed(OrderStatusChanged change, Instant now) {
        switch (change.status()) {
            case ACCEPTED -> accepted.increment();
            case REJECTED -> rejected.get(change.reason()).increment();
            case PAID, CANCELLED, EXPIRED -> {
                settled.get(change.status()).increment();
                return;
            }
            default -> {
                return;
            }
        }
        // Decisions written before the aggregator kept the request time cannot say how long they took.
        if (change.requestedAt() != null) {
            // The decision's clock is the processor's: it can look older than its request by the clocks' skew.
            decisionLatency.record(LatencyTimers.nonNegative(Duration.between(change.requestedAt(),
                    change.occurredAt())));
            endToEndLatency.record(LatencyTimers.nonNegative(Duration.between(change.requestedAt(), now)));
        }
    }

    /** Whole orders accepted so far, as applied to the read model. */
    long accepted() {
        return (long) accepted.count();
    }

    /** Whole orders rejected so far, for any reason. */
    long rejected() {
        return (long) rejected.values().stream().mapToDouble(Counter::count).sum();
    }

    /** Submissions answered {@code 409}: on {@code POST /api/orders} only {@code SOLD_OUT} is. */
    long soldOut() {
        return (long) registry.find(SUBMITTED).tag("status", "409").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    Timer decisionLatency() {
        return decisionLatency;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
        // Retries are counted by the listener container's own metrics; only dead letters are counted here.
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
        Counter.builder(DEAD_LETTERS)
                .description("Records the read model sent to the dead-letter topic")
                .tag("source_topic", record.topic())
                .tag("reason", DeadLetters.reason(record, exception).name())
                .register(registry)
                .increment();
    }

    private Counter decided(String outcome, String reason) {
        return Counter.builder(DECIDED)
                .description("Order decisions applied to the read model")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }

    private Timer latency(String name, String description) {
        return LatencyTimers.register(registry, name, description);
    }
}
