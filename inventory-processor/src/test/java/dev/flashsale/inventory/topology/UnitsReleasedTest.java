package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.cartLine;
import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.released;
import static dev.flashsale.inventory.InventoryEvents.stocked;
import static dev.flashsale.inventory.InventoryEvents.stockedWithLimit;
import static dev.flashsale.inventory.InventoryEvents.stockedWithWindow;
import static dev.flashsale.inventory.InventoryEvents.windowSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.UnitsReleased;
import dev.flashsale.inventory.InventorySettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product side of carts and deadlines: the payment window each accepted line is given, and units the order
 * aggregator releases going back on sale, once.
 */
class UnitsReleasedTest {

    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    @TempDir
    Path stateDir;

    private InventoryTestDriver inventory;

    @BeforeEach
    void startDriver() {
        inventory = new InventoryTestDriver(InventorySettings.defaults().withApplicationId("units-released-test")
                .withStateDir(stateDir).withPaymentWindow(DEFAULT_WINDOW));
    }

    @AfterEach
    void closeDriver() {
        inventory.close();
    }

    @Test
    void putsReleasedUnitsBackOnSaleAndFreesTheCustomersAllowance() {
        inventory.adjust(stockedWithLimit("mug", 5, 2));
        inventory.request(orderLine("mug", "order-1", "ann", 2));

        inventory.request(released("mug", "order-1", "ann", 2));
        inventory.publishStockLevels();

        assertThat(inventory.available("mug")).isEqualTo(5);
        assertThat(inventory.held("mug", "ann")).isZero();
        // The reservation and the release fell in one interval: one level for both.
        assertThat(inventory.levels()).extracting(StockLevel::available, StockLevel::version)
                .containsExactly(tuple(5, 1L), tuple(5, 3L));
        assertThat(inventory.counter(OrderRequestProcessor.METRICS_ENTITY, OrderRequestProcessor.RELEASED))
                .isEqualTo(1.0);
    }

    @Test
    void appliesTheReleaseOfALineOnceHoweverOftenItIsPublished() {
        inventory.adjust(stocked("mug", 5));
        inventory.request(orderLine("mug", "order-1", "ann", 2));
        UnitsReleased release = released("mug", "order-1", "ann", 2);

        inventory.request(release, release, released("mug", "order-1", "ann", 2));

        assertThat(inventory.available("mug")).isEqualTo(5);
        assertThat(inventory.counter(OrderRequestProcessor.METRICS_ENTITY, OrderRequestProcessor.RELEASED))
                .isEqualTo(1.0);
        assertThat(inventory.counter(OrderRequestProcessor.METRICS_ENTITY, Intake.DUPLICATE_DROPPED))
                .isEqualTo(2.0);
    }

    @Test
    void neverTakesACustomersHoldingBelowZero() {
        inventory.adjust(stockedWithLimit("mug", 5, 2));

        inventory.request(released("mug", "order-from-before-limits", "ann", 2));
        inventory.request(orderLine("mug", "order-2", "ann", 2));

        assertThat(inventory.held("mug", "ann")).isEqualTo(2);
        assertThat(inventory.accepted()).singleElement()
                .satisfies(accepted -> assertThat(accepted.orderId().value()).isEqualTo("order-2"));
    }

    @Test
    void deadLettersAReleaseOfAProductItHasNeverSeen() {
        inventory.request(released("ghost", "order-1", "ann", 1));

        assertThat(inventory.deadLetters()).singleElement().satisfies(letter -> assertThat(
                EventHeaders.get(letter.headers(), EventHeaders.DLQ_REASON))
                .isEqualTo(PoisonReason.NOT_APPLICABLE.name()));
        assertThat(inventory.available("ghost")).isNull();
    }

    @Test
    void deadLettersAReleaseThatWouldOverflowTheStockAndKeepsTheStock() {
        inventory.adjust(stocked("sand", Integer.MAX_VALUE));

        inventory.request(released("sand", "order-1", "ann", 1));

        assertThat(inventory.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(EventHeaders.get(letter.headers(), EventHeaders.DLQ_REASON))
                    .isEqualTo(PoisonReason.NOT_APPLICABLE.name());
            assertThat(EventHeaders.get(letter.headers(), EventHeaders.DLQ_ERROR)).contains("exceeds");
        });
        assertThat(inventory.available("sand")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void givesEachAcceptedLineItsProductsWindowOrTheDefault() {
        inventory.adjust(stockedWithWindow("quick", 5, Duration.ofMinutes(2)), stocked("plain", 5));

        inventory.request(cartLine("quick", "order-1", "ann", 1, 2), cartLine("plain", "order-1", "ann", 1, 2));

        assertThat(inventory.accepted()).extracting(accepted -> accepted.productId().value(),
                        OrderAccepted::paymentWindow, OrderAccepted::lineCount)
                .containsExactly(tuple("quick", Duration.ofMinutes(2), 2),
                        tuple("plain", DEFAULT_WINDOW, 2));
    }

    @Test
    void keepsTheLineCountAbsentForRequestsWrittenBeforeCartsAndCopiesItToRejections() {
        inventory.adjust(stocked("pen", 1));

        inventory.request(orderLine("pen", "order-1", 1), cartLine("pen", "order-2", "ann", 1, 3));

        assertThat(inventory.accepted()).singleElement()
                .satisfies(accepted -> assertThat(accepted.lineCount()).isNull());
        assertThat(inventory.rejected(RejectionReason.OUT_OF_STOCK)).extracting(OrderRejected::lineCount)
                .containsExactly(3);
    }

    @Test
    void appliesAPaymentWindowSetToTheLinesReservedAfterIt() {
        inventory.adjust(stockedWithWindow("lamp", 5, Duration.ofMinutes(2)));
        inventory.request(orderLine("lamp", "order-1", 1));

        inventory.adjust(windowSet("lamp", Duration.ofSeconds(30)));
        inventory.request(orderLine("lamp", "order-2", 1));
        inventory.adjust(windowSet("lamp", null));
        inventory.request(orderLine("lamp", "order-3", 1));
        inventory.publishStockLevels();

        assertThat(inventory.accepted()).extracting(OrderAccepted::paymentWindow)
                .containsExactly(Duration.ofMinutes(2), Duration.ofSeconds(30), DEFAULT_WINDOW);
        // Three reservations, three versions more; a window change moves no units and bumps no version.
        assertThat(inventory.levels()).extracting(StockLevel::version).containsExactly(1L, 4L);
    }

    @Test
    void deadLettersAPaymentWindowForAProductItHasNeverSeen() {
        inventory.adjust(windowSet("ghost", Duration.ofMinutes(1)));

        assertThat(inventory.deadLetters()).singleElement().satisfies(letter -> assertThat(
                EventHeaders.get(letter.headers(), EventHeaders.DLQ_REASON))
                .isEqualTo(PoisonReason.NOT_APPLICABLE.name()));
        assertThat(inventory.available("ghost")).isNull();
    }
}
