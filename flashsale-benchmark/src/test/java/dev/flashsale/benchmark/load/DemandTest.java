package dev.flashsale.benchmark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemandTest {

    private static final List<String> PRODUCTS = IntStream.rangeClosed(1, 20).mapToObj(i -> "p" + i).toList();

    @Test
    void zipfWeightsFallWithRankAndSumToOne() {
        double[] weights = Demand.weights(20, 1.0);

        assertThat(weights[0]).isCloseTo(0.278, within(0.001));
        assertThat(weights[0] / weights[1]).isCloseTo(2.0, within(1e-9));
        assertThat(java.util.Arrays.stream(weights).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void buyersSpreadOverProductsAsTheWeightsSay() {
        Demand demand = Demand.zipf(PRODUCTS, 1.0, 42);

        Map<String, Integer> orders = new HashMap<>();
        for (long buyer = 0; buyer < 100_000; buyer++) {
            orders.merge(demand.productFor(buyer), 1, Integer::sum);
        }

        assertThat(orders.get("p1") / 100_000.0).isCloseTo(0.278, within(0.01));
        assertThat(orders.get("p20") / 100_000.0).isCloseTo(0.0139, within(0.003));
        assertThat(orders.keySet()).hasSize(20);
    }

    @Test
    void aBuyerAlwaysPicksTheSameProductForOneSeed() {
        Demand first = Demand.zipf(PRODUCTS, 1.0, 7);
        Demand second = Demand.zipf(PRODUCTS, 1.0, 7);

        assertThat(IntStream.range(0, 1000).mapToObj(first::productFor).toList())
                .isEqualTo(IntStream.range(0, 1000).mapToObj(second::productFor).toList());
    }

    @Test
    void oneProductTakesEveryBuyer() {
        Demand demand = Demand.single("hot");

        assertThat(IntStream.range(0, 100).mapToObj(demand::productFor).distinct().toList()).containsExactly("hot");
    }
}
