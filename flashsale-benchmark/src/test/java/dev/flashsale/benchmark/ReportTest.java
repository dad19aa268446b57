package dev.flashsale.benchmark;

import static dev.flashsale.benchmark.BenchSamples.closedRun;
import static dev.flashsale.benchmark.BenchSamples.openStep;
import static dev.flashsale.benchmark.BenchSamples.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void aRunThatOversoldOrLostAnOrderFailsTheBench() {
        Report report = report(closedRun(Bench.FLASHSALE, 0, 0), closedRun(Bench.FOR_UPDATE, 1, 0),
                closedRun(Bench.CONDITIONAL, 0, 2));

        assertThat(report.failures()).containsExactly(Bench.FOR_UPDATE + " | one hot product | closed, 64 in flight",
                Bench.CONDITIONAL + " | one hot product | closed, 64 in flight");
    }

    @Test
    void anOrderLostInTheNewMeasuresFailsTheBenchToo() {
        Figures lostInVisible = openStep(Bench.FLASHSALE, 1000, 10);
        lostInVisible = new Figures(lostInVisible.system(), "decision visible", lostInVisible.model(), 1, 1000, 1000,
                1, 1, 1000, 1000, null, lostInVisible.submitLatency(), lostInVisible.submitLatency(),
                lostInVisible.submitLatency(), null, 999, 0, 0, 999, 0, 1000, 1, 0, null, lostInVisible.answers(),
                java.util.Map.of(), List.of(), 1000.0, null, null);
        ApiCpu lostInPosts = apiCpu(3);

        Report report = report(List.of(), List.of(), List.of(), lostInPosts, lostInVisible, null, null);

        assertThat(report.failures()).containsExactly("flashsale | decision visible | open, 1000 buyers/s",
                "order API CPU, POST phase");
    }

    @Test
    void theTableShowsFlashsaleAsRatiosToBothBaselinesAndTheBroker() {
        Report report = report(closedRun(Bench.FLASHSALE, 0, 0), closedRun(Bench.FOR_UPDATE, 0, 0),
                closedRun(Bench.CONDITIONAL, 0, 0));

        String markdown = MarkdownReport.render(report, "bin/bench --quick", null);

        assertThat(markdown).contains("| one hot product | 2.00× (2.00×) | 2.00× (2.00×) | 0.50× of 2,000 (1 partition) |")
                .contains("no unit oversold");
    }

    @Test
    void everyRowOfTheMainTableHasItsCpuPerUnitAndPerFinalStatus() {
        Report report = report(closedRun(Bench.FLASHSALE, 0, 0), closedRun(Bench.CONDITIONAL, 0, 0));

        String markdown = MarkdownReport.render(report, "bin/bench", null);

        assertThat(markdown).contains("| CPU ms per unit | CPU ms per final status |")
                .contains("| 0 | 0 | 1.00 | 5.00 | 1.00 |")
                .contains("| 0 | 0 | 2.00 | 1.25 | 0.25 |");
    }

    @Test
    void theTargetsTableComesFirstWithEachSystemsSustainedRate() {
        List<Figures> steps = List.of(openStep(Bench.FLASHSALE, 250, 20), openStep(Bench.FLASHSALE, 500, 2000),
                openStep(Bench.CONDITIONAL, 250, 5), openStep(Bench.CONDITIONAL, 500, 8));
        BenchOptions.OpenSweep sweep = BenchSamples.sweep(250.0, 500.0);
        List<SustainedRate> sustained = List.of(SustainedRate.of(Bench.FLASHSALE, steps, sweep),
                SustainedRate.of(Bench.CONDITIONAL, steps, sweep));

        String markdown = MarkdownReport.render(report(List.of(closedRun(Bench.FLASHSALE, 0, 0)), steps, sustained,
                null, null, null, null), "bin/bench", null);

        assertThat(markdown.indexOf("| target | measured | met? |")).isLessThan(markdown.indexOf("| system | scenario"));
        assertThat(markdown).contains("open: flashsale 250/s, conditional UPDATE 500/s, 0.50× | missed |")
                .contains("| flashsale | 250/s | 2 | no | – |")
                .contains("| baseline conditional UPDATE | 500/s | 2 | no | 0.50× |");
    }

    @Test
    void theNewMeasuresHaveTablesOfTheirOwn() {
        Figures visible = openStep(Bench.FLASHSALE, 1000, 10);
        ProcessorCapacity.Result processor = new ProcessorCapacity.Result(1, 1, 48, 200_000, 1500,
                BenchSamples.MS_1_2_3, 0, 0, java.util.Map.of(), ProcessorCapacity.Drain.of(200_000, 0, 20_000,
                        140_000, 180_000, 100, 90));
        ProcessorAlone.Result alone = new ProcessorAlone.Result(1.5, 50_000, processor,
                new BrokerLimit.Result(1, 200_000, 237, 15_000, 13, BenchSamples.MS_1_2_3), 0.1);
        FreshJvm fresh = new FreshJvm(21.5, Duration.ofSeconds(10),
                new FreshJvm.Sale("just started", 230, openStep(Bench.FLASHSALE, 500, 900)),
                new FreshJvm.Sale("the same again right after", 480, openStep(Bench.FLASHSALE, 500, 30)));

        String markdown = MarkdownReport.render(report(List.of(), List.of(), List.of(), apiCpu(0), visible, fresh,
                alone), "bin/bench", null);

        assertThat(markdown)
                .contains("| POST /api/orders | 1.0 | 15000 | 15000 | 15.00 | 30.00 | 2.00 | 2.00 | 1.0 / 2.0 / 3.0 |")
                .contains("| GET /api/orders/{id}?wait=10s | 1.0 | 15000 | 15000 | 15.00 | 6.00 | 0.40 | 0.40 |")
                .contains("| 1000 buyers/s | 1.0 | 1000 | 1,000 | 5.0 / 10.0 | ≤ 150 / ≤ 500 |")
                .contains("| 1.5 | 200000 | 20.00 | 1,429 | 180000 | 120.00 | 1,500 | 500 / 500 |")
                .contains("| just started | 1.0 | 500 buyers/s | 230 | 450 / 900 / 900 |")
                .contains("| 6. Decision visible to the buyer at 1,000 orders/s: p50 ≤ 150 ms, p99 ≤ 500 ms | 5.00 / 10.0 ms | met |")
                .contains("(≥ 10,000/s and ≥ 0.50×) | 1,500 decisions/s")
                .contains("(≤ 0.3 ms per POST, ≤ 0.1 ms per GET) | 2.00 ms per POST, 0.40 ms per GET")
                .contains("(≥ 0.50× of the warm figure) | first 10 s: 230/s");
    }

    private static ApiCpu apiCpu(long lost) {
        Figures.Percentiles latency = BenchSamples.MS_1_2_3;
        return new ApiCpu(1000, new ApiCpu.Phase("POST /api/orders", 1.0, 15_000, 15_000, 15, 30, 2.0, 2.0, latency,
                0), 1.5, 0.6, new ApiCpu.Phase("GET /api/orders/{id}?wait=10s", 1.0, 15_000, 15_000, 15, 6, 0.4, 0.4,
                latency, 15_000), lost);
    }
}
