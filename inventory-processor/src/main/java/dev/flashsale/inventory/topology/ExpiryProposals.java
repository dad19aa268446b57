package dev.flashsale.inventory.topology;

import dev.flashsale.events.OrderId;
import dev.flashsale.events.PaymentDeadlinePassed;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The expiry check's side of an expiry: it proposes, as a {@link PaymentDeadlinePassed} on the order commands, to
 * expire the overdue orders, and remembers which proposals are on their way so that the next check does not send
 * them again before they are read back. The memory is this processor instance's alone, never stored: a proposal not
 * read back within {@value #RESEND_AFTER_CHECKS} checks is sent again, and a task that restarts or moves starts with
 * none and proposes every overdue order once more, which {@link OrderAggregator#expire} makes harmless.
 */
final class ExpiryProposals {

    static final String PROPOSED = "expiry-proposed";
    static final int RESEND_AFTER_CHECKS = 10;

    private final ProcessorContext<String, Outcome> context;
    private final long resendAfterMs;
    private final Map<String, Long> sentAtMs = new HashMap<>();
    private final Sensor proposed;

    ExpiryProposals(ProcessorContext<String, Outcome> context, Duration checkInterval) {
        this.context = context;
        this.resendAfterMs = checkInterval.multipliedBy(RESEND_AFTER_CHECKS).toMillis();
        this.proposed = context.metrics().addRateTotalSensor(Intake.METRICS_SCOPE, OrderAggregator.METRICS_ENTITY,
                PROPOSED, Sensor.RecordingLevel.INFO);
    }

    /**
     * Proposes to expire at most {@code limit} overdue orders whose proposal is not on its way, earliest deadline
     * first.
     *
     * @return how many it proposed
     */
    int proposeOverdue(OrderAggregator aggregator, int limit) {
        long nowMs = context.currentSystemTimeMs();
        sentAtMs.values().removeIf(sentAt -> nowMs - sentAt >= resendAfterMs);
        List<PaymentDeadlinePassed> overdue = aggregator.overdueOrders(limit, sentAtMs::containsKey);
        for (PaymentDeadlinePassed proposal : overdue) {
            String key = proposal.orderId().value();
            sentAtMs.put(key, nowMs);
            proposed.record();
            context.forward(new Record<>(key, new Outcome.ExpiryProposed(proposal), nowMs, new RecordHeaders()));
        }
        return overdue.size();
    }

    /** A proposal for the order was read back and decided, whichever instance sent it. */
    void readBack(OrderId orderId) {
        sentAtMs.remove(orderId.value());
    }
}
