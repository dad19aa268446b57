package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.stocked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.events.ProductStocked;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductStockTest {

    private static final UUID STOCKED_BY = UUID.randomUUID();

    @Test
    void startsAtVersionOneWithTheInitialUnits() {
        ProductStocked event = stocked("mug", 12);

        assertThat(ProductStock.stocked(event)).isEqualTo(new ProductStock(12, 1, event.eventId()));
    }

    @Test
    void reservingTakesTheUnitsAndBumpsTheVersion() {
        assertThat(new ProductStock(5, 3, STOCKED_BY).reserve(5)).isEqualTo(new ProductStock(0, 4, STOCKED_BY));
    }

    @Test
    void refusesToReserveMoreThanIsAvailable() {
        ProductStock stock = new ProductStock(2, 3, STOCKED_BY);

        assertThat(stock.covers(3)).isFalse();
        assertThatThrownBy(() -> stock.reserve(3)).isInstanceOf(ProductStock.InsufficientStockException.class);
    }

    @Test
    void refusesARestockPastTheLargestCount() {
        ProductStock stock = new ProductStock(Integer.MAX_VALUE - 1, 3, STOCKED_BY);

        assertThat(stock.replenish(1).available()).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> stock.replenish(2)).isInstanceOf(ProductStock.StockOverflowException.class);
    }

    @Test
    void keepsTheUnitsAndRulesThroughAReservation() {
        ProductStock stock = new ProductStock(7, 9, STOCKED_BY, 2, Duration.ofMinutes(3));

        assertThat(stock.reserve(1)).isEqualTo(new ProductStock(6, 10, STOCKED_BY, 2, Duration.ofMinutes(3)));
    }
}
