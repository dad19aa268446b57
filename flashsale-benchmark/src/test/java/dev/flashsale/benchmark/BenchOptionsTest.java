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
    void theFullRunMeasuresEveryTargetAtTheIssuesSizes() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.open()).hasValueSatisfying(open -> {
            assertThat(open.rates()).containsExactly(250.0, 500.0, 1000.0, 1500.0, 2000.0, 3000.0, 4000.0);
            assertThat(open.step()).isEqualTo(Duration.ofSeconds(8));
            assertThat(open.p99Bound()).isEqualTo(Duration.ofMillis(50));
            assertThat(open.giveUpP99()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(options.apiCpu()).contains(new BenchOptions.RateRun(1000, Duration.ofSeconds(15)));
        assertThat(options.apiCpu().orElseThrow().buyers()).isEqualTo(15_000);
        assertThat(options.visibleDecision()).contains(new BenchOptions.RateRun(1000, Duration.ofSeconds(15)));
        assertThat(options.freshJvm()).contains(new BenchOptions.RateRun(500, Duration.ofSeconds(10)));
        assertThat(options.processorAlone()).contains(new BenchOptions.AloneRun(50_000, 200_000));
    }

    @Test
    void quickShortensTheNewMeasuresKeepsTheFreshJvmAndSkipsTheProcessorAlone() {
        BenchOptions options = BenchOptions.parse("--quick");

        assertThat(options.open().orElseThrow().rates()).containsExactly(100.0, 300.0);
        assertThat(options.freshJvm()).contains(new BenchOptions.RateRun(200, Duration.ofSeconds(3)));
        assertThat(options.processorAlone()).isEmpty();
        assertThat(BenchOptions.parse("--quick", "--processor-alone").processorAlone())
                .contains(new BenchOptions.AloneRun(5_000, 30_000));
    }

    @Test
    void eachNewMeasureCanBeSkippedOrResized() {
        BenchOptions options = BenchOptions.parse("--no-api-cpu", "--no-visible", "--no-fresh-jvm",
                "--no-processor-alone", "--open-rates", "100, 200", "--open-p99-ms", "20");

        assertThat(options.apiCpu()).isEmpty();
        assertThat(options.visibleDecision()).isEmpty();
        assertThat(options.freshJvm()).isEmpty();
        assertThat(options.processorAlone()).isEmpty();
        assertThat(options.open().orElseThrow().rates()).containsExactly(100.0, 200.0);
        assertThat(options.open().orElseThrow().p99Bound()).isEqualTo(Duration.ofMillis(20));
        assertThat(BenchOptions.parse("--open-steps", "2").open().orElseThrow().rates()).containsExactly(250.0,
                500.0);
        assertThat(BenchOptions.parse("--open-steps", "0").open()).isEmpty();
        assertThat(BenchOptions.parse("--fresh-rate", "300", "--fresh-seconds", "4").freshJvm())
                .contains(new BenchOptions.RateRun(300, Duration.ofSeconds(4)));
        assertThat(BenchOptions.parse("--alone-requests", "1000", "--alone-warm-up", "0").processorAlone())
                .contains(new BenchOptions.AloneRun(0, 1000));
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
    void aRunningSystemIsNotRestartedForTheCurveNorForTheFreshJvm() {
        assertThat(BenchOptions.parse("--base-url", "http://localhost:8080").commitIntervals()).isEmpty();
        assertThat(BenchOptions.parse("--base-url", "http://localhost:8080").freshJvm()).isEmpty();
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
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--open-rates", "100,0"));
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--fresh-seconds", "0"));
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--visible-rate", "fast"));
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--alone-requests", "0"));
    }
}
