package dev.flashsale.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void aRunThatOversoldOrLostAnOrderFailsTheBench() {
        Report report = report(figures(Bench.FLASHSALE, 0, 0), figures(Bench.FOR_UPDATE, 1, 0),
                figures(Bench.CONDITIONAL, 0, 2));

        assertThat(report.failures()).containsExactly(Bench.FOR_UPDATE + " | one hot product | closed, 64 in flight",
                Bench.CONDITIONAL + " | one hot product | closed, 64 in flight");
    }

    @Test
    void theTableShowsFlashsaleAsRatiosToBothBaselinesAndTheBroker() {
        Report report = report(figures(Bench.FLASHSALE, 0, 0), figures(Bench.FOR_UPDATE, 0, 0),
                figures(Bench.CONDITIONAL, 0, 0));

        String markdown = MarkdownReport.render(report, "bin/bench --quick", null);

        assertThat(markdown).contains("| one hot product | 2.00× (2.00×) | 2.00× (2.00×) | 0.50× of 2,000 (1 partition) |")
                .contains("no unit oversold");
    }

    @Test
    void everyRowOfTheMainTableHasItsCpuPerUnitAndPerFinalStatus() {
        Report report = report(figures(Bench.FLASHSALE, 0, 0), figures(Bench.CONDITIONAL, 0, 0));

        String markdown = MarkdownReport.render(report, "bin/bench", null);

        assertThat(markdown).contains("| CPU ms per unit | CPU ms per final status |")
                .contains("| 0 | 0 | 1.00 | 5.00 | 1.00 |")
                .contains("| 0 | 0 | 2.00 | 1.25 | 0.25 |");
    }

    private static Report report(Figures... runs) {
        BrokerLimit.Result limit = new BrokerLimit.Result(1, 1000, 237, 2000, 0.5,
                new Figures.Percentiles(1000, 1, 2, 3, 4));
        return new Report("test", new Machine("cpu", 2, 1024, "linux", "java", "0.1 0.1 0.1"),
                BenchOptions.parse("--quick"), List.of(runs), List.of(limit), List.of(), Map.of(), Map.of(), List.of());
    }

    private static Figures figures(String system, long oversold, long lost) {
        boolean flashsale = system.equals(Bench.FLASHSALE);
        Figures.Percentiles p = new Figures.Percentiles(100, 1, 2, 3, 4);
        return new Figures(system, "one hot product", "closed, 64 in flight", 1.0, 5000, 1000, 1, 10,
                flashsale ? 1000 : 500, flashsale ? 1000 : 500, flashsale ? 1000.0 : null, p, p, p, flashsale ? p : null, 1000, 4000, 0,
                1000, oversold, 5000, lost, 0, flashsale ? 1.0 : 2.0, Map.of("202", 5000L), Map.of(), List.of(), null,
                flashsale ? 5.0 : 1.25, flashsale ? 1.0 : 0.25);
    }
}
