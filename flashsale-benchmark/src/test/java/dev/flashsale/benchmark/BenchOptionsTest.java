package dev.flashsale.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void theFullRunIsTheIssuesSale() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.stock()).isEqualTo(1000);
        assertThat(options.buyers()).isEqualTo(50_000);
        assertThat(options.concurrency()).isEqualTo(256);
        assertThat(options.products()).isEqualTo(20);
        assertThat(options.commitIntervals()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofMillis(100));
        assertThat(options.appendDocs()).isTrue();
    }

    @Test
    void quickIsASmokeRunThatLeavesTheDocsAlone() {
        BenchOptions options = BenchOptions.parse("--quick", "--stock", "100");

        assertThat(options.buyers()).isEqualTo(1_000);
        assertThat(options.stock()).isEqualTo(100);
        assertThat(BenchOptions.parse("--quick").stock()).isLessThan(1_000);
        assertThat(options.commitIntervals()).isEmpty();
        assertThat(options.appendDocs()).isFalse();
    }

    @Test
    void aRunningSystemIsNotRestartedForTheCurve() {
        assertThat(BenchOptions.parse("--base-url", "http://localhost:8080").commitIntervals()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--base-url",
                "http://localhost:8080", "--commit-intervals", "10"));
    }

    @Test
    void scalingIsARunOfItsOwn() {
        assertThat(BenchOptions.parse().scalingPartitions()).isEmpty();
        assertThat(BenchOptions.parse("--scaling").scalingPartitions()).containsExactly(1, 3, 6, 12);
        assertThat(BenchOptions.parse("--scaling", "--scaling-partitions", "2,4").scalingPartitions())
                .containsExactly(2, 4);
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--fast"));
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--buyers"));
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--stock", "0"));
    }
}
