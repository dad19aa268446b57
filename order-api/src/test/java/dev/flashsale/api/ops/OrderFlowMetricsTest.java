package dev.flashsale.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.PoisonRecordException;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class OrderFlowMetricsTest {

    private static final Instant REQUESTED = Instant.parse("2026-12-12T00:00:00Z");
    private static final Instant DECIDED = REQUESTED.plusMillis(40);
    private static final Instant READABLE = REQUESTED.plusMillis(70);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OrderFlowMetrics metrics = new OrderFlowMetrics(registry, Clock.fixed(READABLE, ZoneOffset.UTC));

    @Test
    void countsWholeOrderDecisionsByOutcomeAndReason() {
        metrics.applied(Topics.ORDER_LIFECYCLE, List.of(accepted(), accepted(),
                rejected(RejectionReason.OUT_OF_STOCK)));

        assertThat(decided("accepted", "none")).isEqualTo(2.0);
        assertThat(decided("rejected", "OUT_OF_STOCK")).isEqualTo(1.0);
        assertThat(decided("rejected", "UNKNOWN_PRODUCT")).isZero();
    }

    @Test
    void countsOrdersThatWerePaidCancelledOrExpiredWithoutTimingThemAsDecisions() {
        OrderId order = OrderId.random();
        CustomerId buyer = new CustomerId("c-1");
        metrics.applied(Topics.ORDER_LIFECYCLE, List.of(OrderStatusChanged.expired(order, buyer, READABLE),
                OrderStatusChanged.cancelled(order, buyer, READABLE, UUID.randomUUID()),
                OrderStatusChanged.expired(order, buyer, READABLE)));

        assertThat(registry.get(OrderFlowMetrics.SETTLED).tag("status", "EXPIRED").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(OrderFlowMetrics.SETTLED).tag("status", "CANCELLED").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(OrderFlowMetrics.SETTLED).tag("status", "PAID").counter().count()).isZero();
        assertThat(registry.get(OrderFlowMetrics.DECISION_LATENCY).timer().count()).isZero();
    }

    @Test
    void countsLineResultsNoLongerAsOrderDecisions() {
        metrics.applied(Topics.ORDER_RESULTS, List.of(new OrderAccepted(UUID.randomUUID(), OrderId.random(),
                new CustomerId("c-1"), new ProductId("p-1"), 1, REQUESTED, DECIDED)));

        assertThat(decided("accepted", "none")).isZero();
    }

    @Test
    void timesTheDecisionFromItsTimestampsAndTheEndToEndUntilTheReadModelHasIt() {
        metrics.applied(Topics.ORDER_LIFECYCLE, List.of(accepted()));

        assertThat(registry.get(OrderFlowMetrics.DECISION_LATENCY).timer().max(TimeUnit.MILLISECONDS))
                .isEqualTo(40.0);
        assertThat(registry.get(OrderFlowMetrics.END_TO_END_LATENCY).timer().max(TimeUnit.MILLISECONDS))
                .isEqualTo(70.0);
    }

    @Test
    void countsStockLevelUpdates() {
        metrics.applied(Topics.STOCK_LEVELS, List.of(new StockLevel(new ProductId("p-1"), 3, 2, DECIDED)));

        assertThat(registry.get(OrderFlowMetrics.STOCK_LEVEL_UPDATES).counter().count()).isEqualTo(1.0);
    }

    @Test
    void countsSubmissionsByTheirAnswer() {
        metrics.submitted(202);
        metrics.submitted(202);
        metrics.submitted(429);
        metrics.submitted(401);
        metrics.submitted(503);

        assertThat(submitted("received", "202")).isEqualTo(2.0);
        assertThat(submitted("rate_limited", "429")).isEqualTo(1.0);
        assertThat(submitted("refused", "401")).isEqualTo(1.0);
        assertThat(submitted("unavailable", "503")).isEqualTo(1.0);
    }

    @Test
    void countsDeadLettersBySourceTopicAndReason() {
        ConsumerRecord<String, Object> record = new ConsumerRecord<>(Topics.ORDER_RESULTS.name(), 0, 7L, "o-1",
                null);

        metrics.recovered(record, new PoisonRecordException(PoisonReason.UNREADABLE, "not json"));

        assertThat(registry.get(OrderFlowMetrics.DEAD_LETTERS).tag("source_topic", Topics.ORDER_RESULTS.name())
                .tag("reason", "UNREADABLE").counter().count()).isEqualTo(1.0);
    }

    private double decided(String outcome, String reason) {
        return registry.get(OrderFlowMetrics.DECIDED).tag("outcome", outcome).tag("reason", reason).counter().count();
    }

    private double submitted(String outcome, String status) {
        return registry.get(OrderFlowMetrics.SUBMITTED).tag("outcome", outcome).tag("status", status).counter()
                .count();
    }

    private static OrderStatusChanged accepted() {
        return OrderStatusChanged.accepted(OrderId.random(), new CustomerId("c-1"), DECIDED,
                DECIDED.plusSeconds(600), REQUESTED);
    }

    private static OrderStatusChanged rejected(RejectionReason reason) {
        return OrderStatusChanged.rejected(OrderId.random(), new CustomerId("c-1"), DECIDED, reason,
                new ProductId("p-1"), REQUESTED);
    }
}
