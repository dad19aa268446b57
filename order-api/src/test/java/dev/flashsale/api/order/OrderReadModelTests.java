package dev.flashsale.api.order;

import static dev.flashsale.api.TestEvents.accepted;
import static dev.flashsale.api.TestEvents.rejected;
import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.api.TestDatabase;
import dev.flashsale.api.TestEvents;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.TestPropertySource;

/** The orders table and the SQL that projects order results into it, on the real PostgreSQL. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = { TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD })
@Import({ OrderRepository.class, OrderResultProjection.class, DecisionWaiters.class })
class OrderReadModelTests {

    private static final Instant PLACED_AT = Instant.parse("2025-11-26T21:26:00.000001Z");

    @Autowired
    OrderRepository orders;

    @Autowired
    OrderResultProjection projection;

    @Test
    void storesOrderWithItsLinesAndFindsItByIdempotencyKey() {
        Order order = pendingOrder("key-1");

        orders.insert(order);

        assertThat(orders.findByCustomerIdAndIdempotencyKey(order.customerId(), "key-1")).contains(order);
        assertThat(orders.findById(order.orderId())).contains(order);
    }

    @Test
    void refusesSecondOrderWithTheSameIdempotencyKeyForTheSameCustomer() {
        Order first = pendingOrder("key-1");
        orders.insert(first);
        Order twin = Order.place(command(first.customerId(), "key-1"), PLACED_AT);

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

        orders.insert(Order.place(command(first.customerId(), null), PLACED_AT));
    }

    @Test
    void marksOrderPublished() {
        Order order = orders.insert(pendingOrder("k"));

        boolean marked = orders.markPublished(order.orderId());

        assertThat(marked).isTrue();
        assertThat(orders.findById(order.orderId())).hasValueSatisfying(found -> assertThat(found.published()).isTrue());
    }

    @Test
    void deletesOrderWhoseEventWasNeverAcknowledged() {
        Order order = orders.insert(pendingOrder("k"));

        boolean deleted = orders.deleteIfUnpublished(order.orderId());

        assertThat(deleted).isTrue();
        assertThat(orders.findById(order.orderId())).isEmpty();
    }

    @Test
    void keepsOrderThatWasPublishedMeanwhile() {
        Order order = orders.insert(pendingOrder("k"));
        orders.markPublished(order.orderId());

        boolean deleted = orders.deleteIfUnpublished(order.orderId());

        assertThat(deleted).isFalse();
        assertThat(orders.findById(order.orderId())).isPresent();
    }

    @Test
    void keepsOrderThatWasDecidedMeanwhile() {
        Order order = orders.insert(pendingOrder("k"));
        projection.write(List.of(accepted(order.orderId(), order.customerId(), "p-1", 2)));

        boolean deleted = orders.deleteIfUnpublished(order.orderId());

        assertThat(deleted).isFalse();
    }

    @Test
    void recordsAcceptanceOfPendingOrder() {
        Order order = orders.insert(pendingOrder("k"));

        projection.write(List.of(accepted(order.orderId(), order.customerId(), "p-1", 2)));

        Order decided = orders.findById(order.orderId()).orElseThrow();
        assertThat(decided.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(decided.reason()).isNull();
        assertThat(decided.published()).isTrue();
        assertThat(decided.updatedAt()).isEqualTo(TestEvents.DECIDED_AT);
        assertThat(decided.createdAt()).isEqualTo(order.createdAt());
        assertThat(decided.idempotencyKey()).isEqualTo("k");
        assertThat(decided.lines()).isEqualTo(order.lines());
    }

    @Test
    void recordsRejectionWithItsReason() {
        Order order = orders.insert(pendingOrder(null));

        projection.write(List.of(rejected(order.orderId(), order.customerId(), "p-1", 2,
                RejectionReason.OUT_OF_STOCK)));

        Order decided = orders.findById(order.orderId()).orElseThrow();
        assertThat(decided.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(decided.reason()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void neverMovesStatusBackwardsOrSideways() {
        Order acceptedFirst = orders.insert(pendingOrder(null));
        Order rejectedFirst = orders.insert(pendingOrder(null));
        projection.write(List.of(accepted(acceptedFirst.orderId(), acceptedFirst.customerId(), "p-1", 2),
                rejected(rejectedFirst.orderId(), rejectedFirst.customerId(), "p-1", 2,
                        RejectionReason.OUT_OF_STOCK)));

        projection.write(List.of(
                rejected(acceptedFirst.orderId(), acceptedFirst.customerId(), "p-1", 2,
                        RejectionReason.OUT_OF_STOCK),
                accepted(rejectedFirst.orderId(), rejectedFirst.customerId(), "p-1", 2)));

        assertThat(orders.findById(acceptedFirst.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.ACCEPTED);
        Order stillRejected = orders.findById(rejectedFirst.orderId()).orElseThrow();
        assertThat(stillRejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(stillRejected.reason()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void changesNothingWhenResultIsReplayed() {
        Order order = orders.insert(pendingOrder(null));
        var result = accepted(order.orderId(), order.customerId(), "p-1", 2);
        projection.write(List.of(result));
        Order afterFirst = orders.findById(order.orderId()).orElseThrow();

        projection.write(List.of(result, result));

        assertThat(orders.findById(order.orderId())).contains(afterFirst);
    }

    @Test
    void insertsDecidedOrderWithItsLineWhenTheApiNeverRecordedIt() {
        String orderId = uniqueId("o");
        String customerId = uniqueId("c");

        projection.write(List.of(accepted(orderId, customerId, "p-9", 3)));
        projection.write(List.of(accepted(orderId, customerId, "p-9", 3)));

        assertThat(orders.findById(orderId)).contains(new Order(orderId, customerId, OrderStatus.ACCEPTED, null,
                null, null, true, TestEvents.REQUESTED_AT, TestEvents.DECIDED_AT, List.of(new OrderLine("p-9", 3))));
    }

    @Test
    void keepsTheFingerprintOfTheRequestWithItsKey() {
        Order order = orders.insert(pendingOrder("key-1"));

        Order found = orders.findById(order.orderId()).orElseThrow();

        assertThat(found.requestFingerprint()).hasSize(64)
                .isEqualTo(command(order.customerId(), "key-1").fingerprint());
        assertThat(found.wasPlacedBy(command(order.customerId(), "key-1"))).isTrue();
        assertThat(found.wasPlacedBy(new PlaceOrder(new CustomerId(order.customerId()), "key-1",
                List.of(new PlaceOrder.Line(new ProductId("p-1"), 3))))).isFalse();
    }

    @Test
    void forgetsKeysPastTheirRetentionButKeepsTheOrders() {
        Order old = orders.insert(Order.place(command(uniqueId("c"), "old-key"), PLACED_AT));
        Order recent = orders.insert(Order.place(command(uniqueId("c"), "recent-key"), PLACED_AT.plusSeconds(3600)));

        int forgotten = orders.forgetIdempotencyKeysPlacedBefore(PLACED_AT.plusSeconds(60));

        assertThat(forgotten).isPositive();
        Order oldNow = orders.findById(old.orderId()).orElseThrow();
        assertThat(oldNow.idempotencyKey()).isNull();
        assertThat(oldNow.requestFingerprint()).isNull();
        assertThat(orders.findByCustomerIdAndIdempotencyKey(old.customerId(), "old-key")).isEmpty();
        assertThat(orders.findById(recent.orderId()).orElseThrow().idempotencyKey()).isEqualTo("recent-key");
    }

    private static Order pendingOrder(String idempotencyKey) {
        return Order.place(command(uniqueId("c"), idempotencyKey), PLACED_AT);
    }

    private static PlaceOrder command(String customerId, String idempotencyKey) {
        return new PlaceOrder(new CustomerId(customerId), idempotencyKey,
                List.of(new PlaceOrder.Line(new ProductId("p-1"), 2)));
    }
}
