package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.limitSet;
import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.resent;
import static dev.flashsale.inventory.InventoryEvents.stocked;
import static dev.flashsale.inventory.InventoryEvents.stockedWithLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.inventory.InventorySettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-customer purchase limit, decided on the product's partition beside its stock. */
class PurchaseLimitTest {

    @TempDir
    Path stateDir;

    private InventoryTestDriver inventory;

    @BeforeEach
    void startDriver() {
        inventory = new InventoryTestDriver(new InventorySettings(null, "purchase-limit-test", stateDir, 1, null, null,
                Duration.ofHours(1), 0, (short) 0, 0, null, null, null, null));
    }

    @AfterEach
    void closeDriver() {
        inventory.close();
    }

    @Test
    void rejectsTheOrderThatWouldTakeACustomerPastTheLimitAndReservesNothingForIt() {
        inventory.adjust(stockedWithLimit("phone", 10, 2));

        inventory.request(orderLine("phone", "o-1", "alice", 1), orderLine("phone", "o-2", "alice", 1),
                orderLine("phone", "o-3", "alice", 1));
        inventory.publishStockLevels();

        assertThat(inventory.accepted()).extracting(accepted -> accepted.orderId().value())
                .containsExactly("o-1", "o-2");
        assertThat(inventory.rejected(RejectionReason.LIMIT_EXCEEDED)).singleElement()
                .satisfies(rejected -> assertThat(rejected.orderId().value()).isEqualTo("o-3"));
        // Two reservations, no third: the rejected order moved no stock.
        assertThat(inventory.levels()).extracting(StockLevel::available, StockLevel::version)
                .containsExactly(tuple(10, 1L), tuple(8, 3L));
        assertThat(inventory.counter(OrderRequestProcessor.METRICS_ENTITY,
                OrderRequestProcessor.rejectedSensor(RejectionReason.LIMIT_EXCEEDED))).isEqualTo(1.0);
    }

    @Test
    void countsUnitsNotOrdersSoOneLineOverTheLimitIsRejectedWhole() {
        inventory.adjust(stockedWithLimit("phone", 10, 3));

        inventory.request(orderLine("phone", "o-1", "alice", 2), orderLine("phone", "o-2", "alice", 2),
                orderLine("phone", "o-3", "bob", 4), orderLine("phone", "o-4", "alice", 1));

        assertThat(inventory.accepted()).extracting(accepted -> accepted.orderId().value())
                .containsExactly("o-1", "o-4");
        assertThat(inventory.rejected(RejectionReason.LIMIT_EXCEEDED))
                .extracting(rejected -> rejected.orderId().value()).containsExactly("o-2", "o-3");
    }

    @Test
    void leavesOtherCustomersTheirOwnAllowance() {
        inventory.adjust(stockedWithLimit("phone", 10, 1));

        inventory.request(orderLine("phone", "o-1", "alice", 1), orderLine("phone", "o-2", "alice", 1),
                orderLine("phone", "o-3", "bob", 1), orderLine("phone", "o-4", "carol", 1));

        assertThat(inventory.accepted()).extracting(accepted -> accepted.customerId().value())
                .containsExactly("alice", "bob", "carol");
        assertThat(inventory.rejected(RejectionReason.LIMIT_EXCEEDED)).singleElement()
                .satisfies(rejected -> assertThat(rejected.customerId().value()).isEqualTo("alice"));
    }

    @Test
    void keepsTheAllowanceOfOneProductApartFromAnother() {
        inventory.adjust(stockedWithLimit("phone", 10, 1), stockedWithLimit("case", 10, 1));

        inventory.request(orderLine("phone", "o-1", "alice", 1), orderLine("case", "o-2", "alice", 1));

        assertThat(inventory.accepted()).hasSize(2);
    }

    @Test
    void appliesARaisedLimitToTheNextOrdersAndCountsWhatWasBoughtBefore() {
        inventory.adjust(stockedWithLimit("phone", 10, 1));
        inventory.request(orderLine("phone", "o-1", "alice", 1), orderLine("phone", "o-2", "alice", 1));
        inventory.publishStockLevels();

        inventory.adjust(limitSet("phone", 2));
        // A limit change moves no stock, so it publishes no stock level.
        assertThat(inventory.levels()).extracting(StockLevel::available).containsExactly(10, 9);
        inventory.request(orderLine("phone", "o-3", "alice", 1), orderLine("phone", "o-4", "alice", 1));
        inventory.publishStockLevels();

        assertThat(inventory.accepted()).extracting(accepted -> accepted.orderId().value())
                .containsExactly("o-1", "o-3");
        assertThat(inventory.rejected(RejectionReason.LIMIT_EXCEEDED))
                .extracting(rejected -> rejected.orderId().value()).containsExactly("o-2", "o-4");
        assertThat(inventory.levels()).extracting(StockLevel::available).containsExactly(10, 9, 8);
    }

    @Test
    void sellsWithoutLimitOnceItIsRemoved() {
        inventory.adjust(stockedWithLimit("phone", 10, 1));
        inventory.request(orderLine("phone", "o-1", "alice", 1), orderLine("phone", "o-2", "alice", 1));

        inventory.adjust(limitSet("phone", null));
        inventory.request(orderLine("phone", "o-3", "alice", 5));

        assertThat(inventory.accepted()).extracting(accepted -> accepted.orderId().value())
                .containsExactly("o-1", "o-3");
    }

    @Test
    void countsPurchasesMadeBeforeAnyLimitAgainstALimitSetLater() {
        inventory.adjust(stocked("phone", 10));
        inventory.request(orderLine("phone", "o-1", "alice", 3));

        inventory.adjust(limitSet("phone", 2));
        inventory.request(orderLine("phone", "o-2", "alice", 1), orderLine("phone", "o-3", "bob", 2));

        // A lowered limit revokes nothing: alice keeps her three units but may buy no more.
        assertThat(inventory.accepted()).extracting(accepted -> accepted.orderId().value())
                .containsExactly("o-1", "o-3");
        assertThat(inventory.rejected(RejectionReason.LIMIT_EXCEEDED))
                .extracting(rejected -> rejected.orderId().value()).containsExactly("o-2");
    }

    @Test
    void doesNotCountAResentOrderTwice() {
        inventory.adjust(stockedWithLimit("phone", 10, 2));
        OrderLineRequested first = orderLine("phone", "o-1", "alice", 1);

        inventory.request(first, resent(first), first);
        inventory.request(orderLine("phone", "o-2", "alice", 1));

        assertThat(inventory.accepted()).extracting(accepted -> accepted.orderId().value())
                .containsExactly("o-1", "o-2");
        assertThat(inventory.results()).hasSize(2);
    }

    @Test
    void appliesAResentLimitChangeOnce() {
        inventory.adjust(stockedWithLimit("phone", 10, 1));
        var raise = limitSet("phone", 3);
        inventory.adjust(raise, raise);

        assertThat(inventory.counter(StockAdjustmentProcessor.METRICS_ENTITY, Intake.DUPLICATE_DROPPED))
                .isEqualTo(1.0);
    }

    @Test
    void deadLettersALimitForAProductItHasNeverSeen() {
        inventory.adjust(limitSet("ghost", 2));

        assertThat(inventory.deadLetters()).singleElement().satisfies(letter -> assertThat(
                EventHeaders.get(letter.headers(), EventHeaders.DLQ_REASON))
                .isEqualTo(PoisonReason.NOT_APPLICABLE.name()));
        inventory.request(orderLine("ghost", "o-1", "alice", 1));
        assertThat(inventory.rejected(RejectionReason.UNKNOWN_PRODUCT)).hasSize(1);
    }

    @Test
    void stampsTheRejectionWithTheRequest() {
        inventory.adjust(stockedWithLimit("phone", 10, 1));
        OrderLineRequested over = orderLine("phone", "o-2", "alice", 2);

        inventory.request(over);

        OrderRejected rejected = inventory.rejected(RejectionReason.LIMIT_EXCEEDED).get(0);
        assertThat(rejected.quantity()).isEqualTo(2);
        assertThat(rejected.productId()).isEqualTo(over.productId());
        assertThat(rejected.customerId()).isEqualTo(over.customerId());
        assertThat(inventory.accepted()).isEmpty();
    }
}
