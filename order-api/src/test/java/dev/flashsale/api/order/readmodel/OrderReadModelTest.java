package dev.flashsale.api.order.readmodel;

import static dev.flashsale.api.TestEvents.accepted;
import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.flashsale.api.PostgresJdbcTest;
import dev.flashsale.api.TestEvents;
import dev.flashsale.api.order.CommandOutcome;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.api.order.PlaceOrder;
import dev.flashsale.api.order.RequestOffset;
import dev.flashsale.api.order.status.CommandRecheck;
import dev.flashsale.api.order.status.CommandWaiters;
import dev.flashsale.api.order.status.DecisionWaiters;
import dev.flashsale.api.order.status.StatusReached;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderCommandRefused;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.PaymentSubmitted;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The orders table and the SQL that projects line results and order lifecycles into it, on the real PostgreSQL. */
@PostgresJdbcTest
@Import({ OrderRepository.class, OrderResultProjection.class, OrderLifecycleProjection.class, DecisionWaiters.class,
        CommandWaiters.class, RecentOrders.class })
class OrderReadModelTest {

    private static final Instant PLACED_AT = Instant.parse("2025-11-26T21:26:00.000001Z");
    private static final Instant ACCEPTED_AT = PLACED_AT.plusMillis(20);
    private static final Instant DEADLINE = ACCEPTED_AT.plusSeconds(600);
    private static final Instant PAID_AT = ACCEPTED_AT.plusSeconds(30);
    private static final Instant LATER = PAID_AT.plusSeconds(30);

    @Autowired
    OrderRepository orders;

    @Autowired
    OrderResultProjection projection;

    @Autowired
    OrderLifecycleProjection lifecycle;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Test
    void storesOrderWithItsLinesAndFindsItByIdempotencyKey() {
        Order order = pendingOrder("key-1");

        orders.insert(order);

        assertThat(orders.findByCustomerIdAndIdempotencyKey(order.customerId(), "key-1")).contains(order);
        assertThat(orders.findById(order.orderId().value())).contains(order);
    }

    @Test
    void readsWhereEachLinesRequestWasWrittenSoAnyInstanceCanPlaceIt() {
        Order order = pendingOrder("key-offsets");
        orders.insert(order);

        jdbc.update("UPDATE order_lines SET request_partition = 3, request_offset = 41 WHERE order_id = :orderId",
                Map.of("orderId", order.orderId().value()));

        assertThat(orders.findById(order.orderId().value()).orElseThrow().lines()).extracting(OrderLine::requested)
                .isNotEmpty().containsOnly(new RequestOffset(3, 41));
    }

    @Test
    void refusesSecondOrderWithTheSameIdempotencyKeyForTheSameCustomer() {
        Order first = pendingOrder("key-1");
        orders.insert(first);
        Order twin = Order.place(command(first.customerId(), "key-1"), 0, PLACED_AT);

        assertThatThrownBy(() -> orders.insert(twin)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void letsDifferentCustomersUseTheSameIdempotencyKey() {
        orders.insert(pendingOrder("shared-key"));

        orders.insert(pendingOrder("shared-key"));
    }

    @Test
    void neverConstrainsOrdersPlacedWithoutKey() {
        Order first = pendingOrder(null);
        orders.insert(first);

        orders.insert(Order.place(command(first.customerId(), null), 0, PLACED_AT));
    }

    @Test
    void marksOrderPublished() {
        Order order = orders.insert(pendingOrder("k"));

        boolean marked = orders.markPublished(order.orderId());

        assertThat(marked).isTrue();
        assertThat(orders.findById(order.orderId().value()))
                .hasValueSatisfying(found -> assertThat(found.published()).isTrue());
    }

    @Test
    void deletesOrderWhoseEventWasNeverAcknowledged() {
        Order order = orders.insert(pendingOrder("k"));

        boolean deleted = orders.deleteIfUnpublished(order.orderId());

        assertThat(deleted).isTrue();
        assertThat(orders.findById(order.orderId().value())).isEmpty();
    }

    @Test
    void keepsOrderThatWasPublishedMeanwhile() {
        Order order = orders.insert(pendingOrder("k"));
        orders.markPublished(order.orderId());

        boolean deleted = orders.deleteIfUnpublished(order.orderId());

        assertThat(deleted).isFalse();
        assertThat(orders.findById(order.orderId().value())).isPresent();
    }

    @Test
    void keepsOrderWhoseLinesWereDecidedMeanwhile() {
        Order order = orders.insert(pendingOrder("k"));
        projection.write(List.of(accepted(order.orderId().value(), order.customerId().value(), "p-1", 2)));

        boolean deleted = orders.deleteIfUnpublished(order.orderId());

        assertThat(deleted).isFalse();
    }

    @Test
    void recordsAcceptanceOfPendingOrderWithItsDeadline() {
        Order order = orders.insert(pendingOrder("k"));

        lifecycle.write(List.of(
                OrderStatusChanged.accepted(order.orderId(), order.customerId(), ACCEPTED_AT, DEADLINE)));

        Order decided = orders.findById(order.orderId().value()).orElseThrow();
        assertThat(decided.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(decided.reason()).isNull();
        assertThat(decided.paymentDeadline()).isEqualTo(DEADLINE);
        assertThat(decided.published()).isTrue();
        assertThat(decided.updatedAt()).isEqualTo(ACCEPTED_AT);
        assertThat(decided.createdAt()).isEqualTo(order.createdAt());
        assertThat(decided.idempotencyKey()).isEqualTo("k");
        assertThat(decided.lines()).isEqualTo(order.lines());
        assertThat(decided.history()).containsExactly(new StatusReached(OrderStatus.PENDING, PLACED_AT),
                new StatusReached(OrderStatus.ACCEPTED, ACCEPTED_AT));
    }

    @Test
    void recordsRejectionWithItsReasonAndTheRefusedProduct() {
        Order order = orders.insert(pendingOrder(null));

        lifecycle.write(List.of(OrderStatusChanged.rejected(order.orderId(), order.customerId(), ACCEPTED_AT,
                RejectionReason.OUT_OF_STOCK, new ProductId("p-1"))));

        Order decided = orders.findById(order.orderId().value()).orElseThrow();
        assertThat(decided.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(decided.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(decided.rejectedProductId()).isEqualTo(new ProductId("p-1"));
    }

    @Test
    void recordsPaymentAndTheWholeHistoryInOrder() {
        Order order = orders.insert(pendingOrder(null));
        PaymentSubmitted payment = payment(order);

        lifecycle.write(List.of(OrderStatusChanged.accepted(order.orderId(), order.customerId(), ACCEPTED_AT, DEADLINE),
                OrderStatusChanged.paid(payment, PAID_AT)));

        Order paid = orders.findById(order.orderId().value()).orElseThrow();
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.paymentReference()).isEqualTo("psp-1");
        assertThat(paid.paidAmount()).isEqualTo(2_000L);
        assertThat(paid.history()).extracting(StatusReached::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.ACCEPTED, OrderStatus.PAID);
        assertThat(paid.history()).extracting(StatusReached::at).isSorted();
    }

    @Test
    void neverMovesStatusBackwardsOrSideways() {
        Order paidFirst = orders.insert(pendingOrder(null));
        Order rejectedFirst = orders.insert(pendingOrder(null));
        lifecycle.write(List.of(
                OrderStatusChanged.accepted(paidFirst.orderId(), paidFirst.customerId(), ACCEPTED_AT, DEADLINE),
                OrderStatusChanged.paid(payment(paidFirst), PAID_AT),
                OrderStatusChanged.rejected(rejectedFirst.orderId(), rejectedFirst.customerId(), ACCEPTED_AT,
                        RejectionReason.OUT_OF_STOCK, new ProductId("p-1"))));

        lifecycle.write(List.of(
                OrderStatusChanged.accepted(paidFirst.orderId(), paidFirst.customerId(), LATER, DEADLINE),
                OrderStatusChanged.expired(paidFirst.orderId(), paidFirst.customerId(), LATER),
                OrderStatusChanged.accepted(rejectedFirst.orderId(), rejectedFirst.customerId(), LATER, DEADLINE),
                OrderStatusChanged.cancelled(rejectedFirst.orderId(), rejectedFirst.customerId(), LATER,
                        UUID.randomUUID())));

        Order stillPaid = orders.findById(paidFirst.orderId().value()).orElseThrow();
        assertThat(stillPaid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(stillPaid.paymentReference()).isEqualTo("psp-1");
        assertThat(stillPaid.history()).extracting(StatusReached::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.ACCEPTED, OrderStatus.PAID);
        assertThat(stillPaid.updatedAt()).isEqualTo(PAID_AT);
        Order stillRejected = orders.findById(rejectedFirst.orderId().value()).orElseThrow();
        assertThat(stillRejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(stillRejected.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(stillRejected.history()).extracting(StatusReached::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.REJECTED);
    }

    @Test
    void appliesTheChangesOfOneOrderInABatchAsIfOneAfterAnother() {
        String orderId = uniqueId("o");
        String customerId = uniqueId("c");

        lifecycle.write(List.of(
                OrderStatusChanged.accepted(new OrderId(orderId), new CustomerId(customerId), ACCEPTED_AT, DEADLINE),
                OrderStatusChanged.expired(new OrderId(orderId), new CustomerId(customerId), LATER),
                OrderStatusChanged.accepted(new OrderId(orderId), new CustomerId(customerId), LATER, DEADLINE)));

        Order expired = orders.findById(orderId).orElseThrow();
        assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(expired.paymentDeadline()).as("kept from the ACCEPTED before it").isEqualTo(DEADLINE);
        assertThat(expired.createdAt()).isEqualTo(ACCEPTED_AT);
        assertThat(expired.updatedAt()).isEqualTo(LATER);
        assertThat(expired.history()).extracting(StatusReached::status, StatusReached::at).containsExactly(
                tuple(OrderStatus.PENDING, ACCEPTED_AT),
                tuple(OrderStatus.ACCEPTED, ACCEPTED_AT),
                tuple(OrderStatus.EXPIRED, LATER));
    }

    @Test
    void changesNothingWhenTheLifecycleIsReplayed() {
        Order order = orders.insert(pendingOrder(null));
        List<OrderLifecycleEvent> events = List.of(
                OrderStatusChanged.accepted(order.orderId(), order.customerId(), ACCEPTED_AT, DEADLINE),
                OrderStatusChanged.cancelled(order.orderId(), order.customerId(), PAID_AT, UUID.randomUUID()));
        lifecycle.write(events);
        Order afterFirst = orders.findById(order.orderId().value()).orElseThrow();

        lifecycle.write(events);
        lifecycle.write(events);

        assertThat(orders.findById(order.orderId().value())).contains(afterFirst);
        assertThat(afterFirst.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void leavesTheStatusToTheLifecycleWhenLinesAreDecided() {
        Order order = orders.insert(pendingOrder(null));

        projection.write(List.of(accepted(order.orderId().value(), order.customerId().value(), "p-1", 2)));

        Order found = orders.findById(order.orderId().value()).orElseThrow();
        assertThat(found.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(found.lines()).isEqualTo(order.lines());
    }

    @Test
    void restoresACartTheApiNeverRecordedFromItsResultsAndItsLifecycle() {
        String orderId = uniqueId("o");
        String customerId = uniqueId("c");

        lifecycle.write(List.of(OrderStatusChanged.accepted(new OrderId(orderId), new CustomerId(customerId),
                ACCEPTED_AT, DEADLINE)));
        projection.write(List.of(accepted(orderId, customerId, "p-9", 3), accepted(orderId, customerId, "p-8", 1)));
        projection.write(List.of(accepted(orderId, customerId, "p-9", 3)));

        Order restored = orders.findById(orderId).orElseThrow();
        assertThat(restored.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(restored.published()).isTrue();
        assertThat(restored.createdAt()).isEqualTo(TestEvents.REQUESTED_AT);
        assertThat(restored.lines()).containsExactly(new OrderLine(new ProductId("p-9"), 3),
                new OrderLine(new ProductId("p-8"), 1));
        assertThat(restored.history()).extracting(StatusReached::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.ACCEPTED);
    }

    @Test
    void answersWaitingCommandsOfOtherInstancesFromTheReadModel() {
        Order order = orders.insert(pendingOrder(null));
        PaymentSubmitted payment = payment(order);
        UUID refusedCancellation = UUID.randomUUID();
        CommandWaiters waiters = new CommandWaiters();
        var paid = waiters.register(payment.eventId());
        var refused = waiters.register(refusedCancellation);
        lifecycle.write(List.of(OrderStatusChanged.accepted(order.orderId(), order.customerId(), ACCEPTED_AT, DEADLINE),
                OrderStatusChanged.paid(payment, PAID_AT),
                new OrderCommandRefused(UUID.randomUUID(), order.orderId(), order.customerId(), refusedCancellation,
                        OrderCommandRefused.Kind.CANCELLATION, dev.flashsale.events.OrderStatus.PAID, LATER)));

        new CommandRecheck(waiters, JdbcClient.create(jdbc)).recheck();

        assertThat(paid).isCompletedWithValue(new CommandOutcome(true, OrderStatus.PAID));
        assertThat(refused).isCompletedWithValue(new CommandOutcome(false, OrderStatus.PAID));
    }

    @Test
    void keepsTheFingerprintOfTheRequestWithItsKey() {
        Order order = orders.insert(pendingOrder("key-1"));

        Order found = orders.findById(order.orderId().value()).orElseThrow();

        assertThat(found.requestFingerprint()).hasSize(64)
                .isEqualTo(command(order.customerId(), "key-1").fingerprint());
        assertThat(found.wasPlacedBy(command(order.customerId(), "key-1"))).isTrue();
        assertThat(found.wasPlacedBy(new PlaceOrder(order.customerId(), "key-1",
                List.of(new PlaceOrder.Line(new ProductId("p-1"), 3))))).isFalse();
    }

    @Test
    void forgetsKeysPastTheirRetentionButKeepsTheOrders() {
        Order old = orders.insert(Order.place(command(new CustomerId(uniqueId("c")), "old-key"), 0, PLACED_AT));
        Order recent = orders.insert(Order.place(command(new CustomerId(uniqueId("c")), "recent-key"), 0,
                PLACED_AT.plusSeconds(3600)));

        int forgotten = orders.forgetIdempotencyKeysPlacedBefore(PLACED_AT.plusSeconds(60));

        assertThat(forgotten).isPositive();
        Order oldNow = orders.findById(old.orderId().value()).orElseThrow();
        assertThat(oldNow.idempotencyKey()).isNull();
        assertThat(oldNow.requestFingerprint()).isNull();
        assertThat(orders.findByCustomerIdAndIdempotencyKey(old.customerId(), "old-key")).isEmpty();
        assertThat(orders.findById(recent.orderId().value()).orElseThrow().idempotencyKey()).isEqualTo("recent-key");
    }

    private static Order pendingOrder(String idempotencyKey) {
        return Order.place(command(new CustomerId(uniqueId("c")), idempotencyKey), 0, PLACED_AT);
    }

    private static PaymentSubmitted payment(Order order) {
        return new PaymentSubmitted(UUID.randomUUID(), order.orderId(), order.customerId(), 2_000, "psp-1", PAID_AT);
    }

    private static PlaceOrder command(CustomerId customerId, String idempotencyKey) {
        return new PlaceOrder(customerId, idempotencyKey,
                List.of(new PlaceOrder.Line(new ProductId("p-1"), 2)));
    }
}
