package dev.flashsale.benchmark.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadRecorderTest {

    private static final long ORIGIN = 1_000_000_000L;

    @Test
    void finalsWithinAWindowCountFromTheFirstSend() {
        LoadRecorder recorder = new LoadRecorder(ORIGIN);
        recorder.sent(at(2_000));

        recorder.decided("a", "p", true, at(2_000), at(2_500));
        recorder.decided("b", "p", false, at(2_000), at(11_990));
        recorder.decided("c", "p", false, at(2_000), at(12_010));

        assertThat(recorder.finalsWithin(Duration.ofSeconds(10))).isEqualTo(2);
        assertThat(recorder.finalsWithin(Duration.ofSeconds(11))).isEqualTo(3);
    }

    @Test
    void placedOrdersKeepTheirBuyerAndProductForARunThatReadsThem() {
        LoadRecorder recorder = new LoadRecorder(ORIGIN);

        recorder.acknowledged("order-1", "product-1", "buyer-1");

        assertThat(recorder.placedOrders()).containsExactly(new LoadPlan.PlacedOrder("order-1", "buyer-1",
                "product-1"));
    }

    private static long at(long millis) {
        return ORIGIN + TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
