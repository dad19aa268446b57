package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.EventSerde;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.PaymentDeadlinePassed;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ReleaseCause;
import dev.flashsale.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expiry check alone: the aggregator on a mock context, where nothing written to the order commands comes back
 * by itself. The check only proposes; an order expires when its proposal is read back, if it is due then.
 */
class OrderExpiryProposalTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-03-01T09:00:05Z");
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Instant DEADLINE = ACCEPTED_AT.plus(WINDOW);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final OrderId ORDER = new OrderId("order-1");

    private MockProcessorContext<String, Outcome> context;
    private KeyValueStore<String, OrderProgress> orders;
    private KeyValueStore<String, String> deadlines;
    private OrderLifecycleProcessor processor;
    private long offset;

    @BeforeEach
    void acceptAnOrderWithAOneMinuteWindow() {
        orders = InMemoryStores.keyValue(InventoryStores.ORDERS, InventoryStores.ORDER_PROGRESS);
        deadlines = InMemoryStores.keyValue(InventoryStores.ORDER_DEADLINES, Serdes.String());
        KeyValueStore<String, String> purges = InMemoryStores.keyValue(InventoryStores.ORDER_PURGES,
                Serdes.String());
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(ACCEPTED_AT.toEpochMilli());
        for (KeyValueStore<String, ?> store : List.of(orders, deadlines, purges)) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        processor = new OrderLifecycleProcessor(CHECK_INTERVAL, Duration.ofDays(7), 1, Duration.ZERO);
        processor.init(context);
        read(Topics.ORDER_RESULTS.name(), Topics.ORDER_RESULT_SERDE, new OrderAccepted(UUID.randomUUID(), ORDER,
                new CustomerId("ann"), new ProductId("camera"), 2, ACCEPTED_AT, ACCEPTED_AT, WINDOW, 1));
        context.resetForwards();
    }

    @Test
    void proposesAnOverdueOrderOnTheOrderCommandsAndExpiresNothingItself() {
        check(DEADLINE);

        assertThat(outcomes()).containsExactly(
                new Outcome.ExpiryProposed(PaymentDeadlinePassed.of(ORDER, DEADLINE, DEADLINE)));
        assertThat(context.forwarded()).extracting(forward -> (String) forward.record().key())
                .containsExactly("order-1");
        assertThat(orders.get("order-1").status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(deadlines.get(InventoryStores.deadlineKey(DEADLINE, "order-1"))).isEqualTo("order-1");
    }

    @Test
    void expiresTheOrderAndReleasesItsLineOnceWhenTheProposalIsReadBack() {
        check(DEADLINE);

        readBackProposals();

        assertThat(outcomes()).hasSize(2);
        assertThat(outcomes().get(0)).isInstanceOfSatisfying(Outcome.LifecycleChanged.class, changed -> assertThat(
                ((OrderStatusChanged) changed.event()).status()).isEqualTo(OrderStatus.EXPIRED));
        assertThat(outcomes().get(1)).isInstanceOfSatisfying(Outcome.Released.class,
                released -> assertThat(released.release().cause()).isEqualTo(ReleaseCause.EXPIRED));
        assertThat(orders.get("order-1").status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(deadlines.approximateNumEntries()).isZero();
    }

    @Test
    void leavesAnOrderPaidBetweenItsProposalAndTheReadingBackPaidAndReleasesNothing() {
        check(DEADLINE);
        List<PaymentDeadlinePassed> proposals = proposals();
        context.setCurrentSystemTimeMs(DEADLINE.minusSeconds(1).toEpochMilli());
        read(Topics.ORDER_COMMANDS.name(), Topics.ORDER_COMMAND_SERDE, payment("order-1", "ann"));
        context.setCurrentSystemTimeMs(DEADLINE.plusSeconds(1).toEpochMilli());
        context.resetForwards();

        proposals.forEach(proposal -> read(Topics.ORDER_COMMANDS.name(), Topics.ORDER_COMMAND_SERDE, proposal));

        assertThat(outcomes()).isEmpty();
        assertThat(orders.get("order-1").status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void doesNotProposeAnOrderAgainWhileItsProposalIsOnItsWayButDoesAfterTenChecks() {
        check(DEADLINE);

        for (int later = 1; later < ExpiryProposals.RESEND_AFTER_CHECKS; later++) {
            check(DEADLINE.plus(CHECK_INTERVAL.multipliedBy(later)));
        }
        assertThat(proposals()).hasSize(1);
        check(DEADLINE.plus(CHECK_INTERVAL.multipliedBy(ExpiryProposals.RESEND_AFTER_CHECKS)));

        assertThat(proposals()).hasSize(2).doesNotHaveDuplicates().extracting(PaymentDeadlinePassed::eventId)
                .containsOnly(PaymentDeadlinePassed.of(ORDER, DEADLINE, DEADLINE).eventId());
    }

    @Test
    void proposesAnOrderAgainAtTheNextCheckWhenItsProposalWasReadBackAndFoundItNotDue() {
        check(DEADLINE);
        context.setCurrentSystemTimeMs(DEADLINE.minusMillis(1).toEpochMilli());
        readBackProposals();
        assertThat(orders.get("order-1").status()).isEqualTo(OrderStatus.ACCEPTED);
        context.resetForwards();

        check(DEADLINE.plus(CHECK_INTERVAL));

        assertThat(proposals()).hasSize(1);
    }

    /** The expiry check as Kafka Streams runs it, at {@code at} on the processor's clock. */
    private void check(Instant at) {
        context.setCurrentSystemTimeMs(at.toEpochMilli());
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(at.toEpochMilli());
    }

    /** What a broker would do: hands the proposals written so far back to the processor, and only those. */
    private void readBackProposals() {
        List<PaymentDeadlinePassed> proposals = proposals();
        context.resetForwards();
        proposals.forEach(proposal -> read(Topics.ORDER_COMMANDS.name(), Topics.ORDER_COMMAND_SERDE, proposal));
    }

    private List<PaymentDeadlinePassed> proposals() {
        return outcomes().stream().filter(Outcome.ExpiryProposed.class::isInstance)
                .map(outcome -> ((Outcome.ExpiryProposed) outcome).proposal()).toList();
    }

    private <E> void read(String topic, EventSerde<E> serde, E event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serde.encode(headers, event);
        context.setRecordMetadata(topic, 0, offset++);
        processor.process(new Record<>(ORDER.value().getBytes(StandardCharsets.UTF_8), value,
                context.currentSystemTimeMs(), headers));
    }

    private List<Outcome> outcomes() {
        return context.forwarded().stream().map(forward -> (Outcome) forward.record().value()).toList();
    }
}
