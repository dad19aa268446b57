package dev.flashsale.chaos.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.chaos.load.SalePlan.BuyerPlan;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SalePlanTest {

    @Test
    void aSoakStocksNewProductsEveryWaveForTheBuyersArrivingInIt() {
        Duration soak = Duration.ofMinutes(12);

        SalePlan plan = SalePlan.inWaves(new Random(3), soak, 4, 3);

        assertThat(plan.stock()).hasSize(3 * 3).allSatisfy(units -> assertThat(units).isPositive());
        assertThat(plan.paymentWindows()).hasSize(3 * 3);
        assertThat(plan.buyers()).hasSize(4 * 12 * 60);
        for (BuyerPlan buyer : plan.buyers()) {
            int wave = (int) (buyer.arrival().toMillis() / SalePlan.WAVE.toMillis());
            assertThat(buyer.product() / 3).as(buyer.subject()).isEqualTo(wave);
            assertThat(buyer.subject()).startsWith("chaos-w" + (wave + 1) + "-b");
            assertThat(buyer.arrival()).isLessThan(soak);
        }
        assertThat(new HashSet<>(plan.buyers().stream().map(BuyerPlan::idempotencyKey).toList()))
                .hasSameSizeAs(plan.buyers());
    }

    @Test
    void aSoaksBuyersArriveAtASteadyRateAllAlong() {
        SalePlan plan = SalePlan.inWaves(new Random(8), Duration.ofMinutes(60), 8, 3);

        int[] perMinute = new int[60];
        plan.buyers().forEach(buyer -> perMinute[(int) buyer.arrival().toMinutes()]++);

        assertThat(Arrays.stream(perMinute).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(8 * 60 * 3 / 4, 8 * 60 * 5 / 4));
    }

    @Test
    void theSameSeedDrawsTheSameSoak() {
        List<BuyerPlan> first = SalePlan.inWaves(new Random(1), Duration.ofMinutes(10), 5, 2).buyers();

        assertThat(SalePlan.inWaves(new Random(1), Duration.ofMinutes(10), 5, 2).buyers()).isEqualTo(first);
    }
}
