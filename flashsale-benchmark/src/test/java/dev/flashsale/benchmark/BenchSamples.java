package dev.flashsale.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Test data: runs, reports and their parts with round figures, changed one thing at a time by each test. */
final class BenchSamples {

    static final Figures.Percentiles MS_1_2_3 = new Figures.Percentiles(100, 1, 2, 3, 4);

    private BenchSamples() {
    }

    static Figures closedRun(String system, long oversold, long lost) {
        boolean flashsale = system.equals(Bench.FLASHSALE);
        return new Figures(system, "one hot product", "closed, 64 in flight", 1.0, 5000, 1000, 1, 10,
                flashsale ? 1000 : 500, flashsale ? 1000 : 500, flashsale ? 1000.0 : null, MS_1_2_3, MS_1_2_3,
                MS_1_2_3, flashsale ? MS_1_2_3 : null, 1000, 4000, 0, 1000, oversold, 5000, lost, 0,
                flashsale ? 1.0 : 2.0, Map.of("202", 5000L), Map.of(), List.of(), null, flashsale ? 5.0 : 1.25,
                flashsale ? 1.0 : 0.25);
    }

    /** An open-model step of {@code rate} buyers/s, every buyer answered 2xx, with the given submit p99. */
    static Figures openStep(String system, double rate, double p99) {
        return openStep(system, rate, p99, Map.of("202", (long) rate));
    }

    static Figures openStep(String system, double rate, double p99, Map<String, Long> answers) {
        Figures.Percentiles submit = new Figures.Percentiles((long) rate, p99 / 2, p99, p99, p99);
        return new Figures(system, Bench.NEVER_SOLD_OUT, "open, " + Math.round(rate) + " buyers/s", 1.0, (long) rate,
                (int) rate, 1, 1, rate, rate, null, submit, submit, submit, null, (long) rate, 0, 0, (long) rate, 0,
                (long) rate, 0, 0, null, answers, Map.of(), List.of(), rate, null, null);
    }

    static BenchOptions.OpenSweep sweep(Double... rates) {
        return new BenchOptions.OpenSweep(List.of(rates), Duration.ofSeconds(8), Duration.ofMillis(50),
                Duration.ofSeconds(1));
    }

    static Report report(List<Figures> runs, List<Figures> openModel, List<SustainedRate> sustained, ApiCpu apiCpu,
            Figures visible, FreshJvm fresh, ProcessorAlone.Result alone) {
        BrokerLimit.Result limit = new BrokerLimit.Result(1, 1000, 237, 2000, 0.5, MS_1_2_3);
        return new Report("test", new Machine("cpu", 2, 1024, "linux", "java", "0.1 0.1 0.1"),
                BenchOptions.parse(), runs, List.of(limit), openModel, sustained, apiCpu, visible, fresh, alone,
                Map.of(), Map.of(), List.of());
    }

    static Report report(Figures... runs) {
        return report(List.of(runs), List.of(), List.of(), null, null, null, null);
    }
}
