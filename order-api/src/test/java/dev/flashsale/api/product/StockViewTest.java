package dev.flashsale.api.product;

import static dev.flashsale.api.TestEvents.stockLevel;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StockViewTest {

    private final StockView view = new StockView();

    @Test
    void knowsAProductAtZeroIsSoldOut() {
        view.apply(stockLevel("p-1", 0, 3));

        assertThat(view.isSoldOut("p-1")).isTrue();
    }

    @Test
    void leavesUnknownProductsToTheProcessor() {
        assertThat(view.isSoldOut("p-unknown")).isFalse();
    }

    @Test
    void reopensWhenARestockArrives() {
        view.apply(stockLevel("p-1", 0, 3));

        view.apply(stockLevel("p-1", 5, 4));

        assertThat(view.isSoldOut("p-1")).isFalse();
    }

    @Test
    void keepsTheHighestVersionWhateverTheOrderOfArrival() {
        view.apply(stockLevel("p-1", 2, 5));

        view.apply(stockLevel("p-1", 0, 4));
        view.apply(stockLevel("p-1", 0, 5));

        assertThat(view.isSoldOut("p-1")).isFalse();
    }

    @Test
    void warmUpFromTheReadModelYieldsToAnyReportedLevel() {
        view.apply("p-1", 0, 0);
        view.apply(stockLevel("p-1", 7, 1));

        view.apply("p-1", 0, 0);

        assertThat(view.isSoldOut("p-1")).isFalse();
    }
}
