package dev.flashsale.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The performance issue's targets, each with what this run measured for it and whether it was met. Only a target with
 * a threshold is judged; CPU per sold unit has none, it is there to compare.
 */
final class Targets {

    /** The processor alone: decisions per second, and its share of the broker's limit for the same records. */
    static final double ALONE_DECISIONS = 10_000;
    static final double ALONE_SHARE_OF_BROKER = 0.5;
    /** The order API's CPU per request, once warm. */
    static final double POST_CPU_MS = 0.3;
    static final double GET_CPU_MS = 0.1;
    /** flashsale's final statuses/s (closed) and sustained arrival rate (open) over the conditional UPDATE's. */
    static final double OVER_CONDITIONAL = 1.5;
    /** A fresh JVM's first seconds must not sell at half the speed of a warm one. */
    static final double FRESH_SHARE_OF_WARM = 0.5;

    /** Decision visible to the buyer, client side, at {@link #VISIBLE_RATE}. */
    static final Duration VISIBLE_P50 = Duration.ofMillis(150);
    static final Duration VISIBLE_P99 = Duration.ofMillis(500);
    static final double VISIBLE_RATE = 1000;

    enum Verdict {
        MET("met"), MISSED("missed"), NOT_JUDGED("– (no threshold)"), NOT_MEASURED("not measured");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    record Row(String target, String measured, Verdict verdict) {
    }

    private Targets() {
    }

    static List<Row> rows(Report report) {
        List<Row> rows = new ArrayList<>();
        rows.add(processorAlone(report.processorAlone()));
        rows.add(apiCpu(report.apiCpu()));
        rows.add(openModel(report));
        rows.add(cpuPerUnit(report));
        rows.add(freshJvm(report.freshJvm()));
        rows.add(visible(report.visibleDecision()));
        return rows;
    }

    private static Row processorAlone(ProcessorAlone.Result alone) {
        String target = "1. Processor alone, 1 partition, 1 stream thread: decisions/s and CPU per decision, beside the"
                + " broker's limit for the same records";
        if (alone == null) {
            return new Row(target, "–", Verdict.NOT_MEASURED);
        }
        ProcessorCapacity.Drain drain = alone.processor().drain();
        String measured = n(alone.decisionsPerSecond()) + " decisions/s draining"
                + (drain.drainCpuMicrosPerDecision() == null ? ""
                        : ", " + n(drain.drainCpuMicrosPerDecision()) + " µs CPU per decision")
                + " (whole run " + n(drain.wholeRunPerSecond()) + "/s); broker " + n(alone.broker().recordsPerSecond())
                + " records/s; ratio " + ratio(alone.processorToBroker());
        boolean met = alone.decisionsPerSecond() >= ALONE_DECISIONS && alone.processorToBroker() != null
                && alone.processorToBroker() >= ALONE_SHARE_OF_BROKER;
        return new Row(target + " (≥ " + n(ALONE_DECISIONS) + "/s and ≥ " + x(ALONE_SHARE_OF_BROKER) + ")", measured,
                met ? Verdict.MET : Verdict.MISSED);
    }

    private static Row apiCpu(ApiCpu cpu) {
        String target = "2. Order API CPU per request, warm (order-api process only)";
        if (cpu == null) {
            return new Row(target, "–", Verdict.NOT_MEASURED);
        }
        String measured = ms(cpu.posts().cpuMsPerRequest()) + " ms per POST, "
                + (cpu.reads() == null ? "–" : ms(cpu.reads().cpuMsPerRequest())) + " ms per GET, at "
                + n(cpu.perSecond()) + "/s";
        boolean met = cpu.posts().cpuMsPerRequest() != null && cpu.posts().cpuMsPerRequest() <= POST_CPU_MS
                && cpu.reads() != null && cpu.reads().cpuMsPerRequest() != null
                && cpu.reads().cpuMsPerRequest() <= GET_CPU_MS;
        return new Row(target + " (≤ " + POST_CPU_MS + " ms per POST, ≤ " + GET_CPU_MS + " ms per GET)", measured,
                met ? Verdict.MET : Verdict.MISSED);
    }

    private static Row openModel(Report report) {
        Optional<BenchOptions.OpenSweep> sweep = report.options().open();
        String bound = sweep.map(s -> s.p99Bound().toMillis() + " ms").orElse("the bound");
        String target = "3. End to end, flashsale ÷ conditional UPDATE ≥ " + x(OVER_CONDITIONAL)
                + ": final statuses/s in the closed model; in the open model (one hot product), the highest arrival"
                + " rate with submit p99 ≤ " + bound;
        List<String> parts = new ArrayList<>();
        boolean met = true;
        for (Figures run : report.runs()) {
            if (!run.system().equals(Bench.FLASHSALE)) {
                continue;
            }
            Optional<Figures> baseline = report.runs().stream()
                    .filter(f -> f.system().equals(Bench.CONDITIONAL) && f.scenario().equals(run.scenario()))
                    .findFirst();
            if (baseline.isPresent() && baseline.get().decisionsPerSecond() > 0) {
                double ratio = run.decisionsPerSecond() / baseline.get().decisionsPerSecond();
                parts.add("closed, " + run.scenario() + " " + x(ratio));
                met &= ratio >= OVER_CONDITIONAL;
            }
        }
        if (!report.sustained().isEmpty()) {
            List<String> rates = new ArrayList<>();
            for (SustainedRate rate : report.sustained()) {
                rates.add(rate.system().replace("baseline ", "") + " " + sustainedText(rate, sweep));
            }
            Optional<Double> ratio = SustainedRate.ratio(report.sustained(), Bench.FLASHSALE, Bench.CONDITIONAL);
            parts.add("open: " + String.join(", ", rates) + ", " + ratio.map(Targets::x).orElse("–"));
            met &= ratio.isPresent() && ratio.get() >= OVER_CONDITIONAL;
        }
        if (parts.isEmpty()) {
            return new Row(target, "–", Verdict.NOT_MEASURED);
        }
        return new Row(target, String.join("; ", parts), met ? Verdict.MET : Verdict.MISSED);
    }

    static String sustainedText(SustainedRate rate, Optional<BenchOptions.OpenSweep> sweep) {
        if (rate.highestRate() != null) {
            return n(rate.highestRate()) + "/s";
        }
        return sweep.map(s -> "below " + n(s.rates().get(0)) + "/s").orElse("none");
    }

    private static Row cpuPerUnit(Report report) {
        String target = "4. CPU per sold unit, all of a system's processes (closed model; one hot product / Zipf)";
        List<String> parts = new ArrayList<>();
        for (String system : List.of(Bench.FLASHSALE, Bench.FOR_UPDATE, Bench.CONDITIONAL)) {
            List<String> values = report.runs().stream().filter(f -> f.system().equals(system))
                    .map(f -> ms(f.cpuMsPerUnit())).toList();
            if (!values.isEmpty()) {
                parts.add(system.replace("baseline ", "") + " " + String.join(" / ", values) + " ms");
            }
        }
        return parts.isEmpty() ? new Row(target, "–", Verdict.NOT_MEASURED)
                : new Row(target, String.join(", ", parts), Verdict.NOT_JUDGED);
    }

    private static Row freshJvm(FreshJvm fresh) {
        String target = "5. Fresh JVMs: final statuses/s and submit p50 / p99 in the first seconds after a restart";
        if (fresh == null) {
            return new Row(target, "–", Verdict.NOT_MEASURED);
        }
        String measured = "first " + fresh.window().toSeconds() + " s: " + saleText(fresh.fresh())
                + "; the same right after: " + saleText(fresh.again());
        boolean met = fresh.fresh().finalsPerSecond() >= FRESH_SHARE_OF_WARM * fresh.again().finalsPerSecond();
        return new Row(target + " (≥ " + x(FRESH_SHARE_OF_WARM) + " of the warm figure)", measured,
                met ? Verdict.MET : Verdict.MISSED);
    }

    private static String saleText(FreshJvm.Sale sale) {
        Figures.Percentiles submit = sale.figures().submitLatency();
        return n(sale.finalsPerSecond()) + "/s, " + ms(submit.p50()) + " / " + ms(submit.p99()) + " ms";
    }

    private static Row visible(Figures visible) {
        String target = "6. Decision visible to the buyer at " + n(VISIBLE_RATE) + " orders/s: p50 ≤ "
                + VISIBLE_P50.toMillis() + " ms, p99 ≤ " + VISIBLE_P99.toMillis() + " ms";
        if (visible == null) {
            return new Row(target, "–", Verdict.NOT_MEASURED);
        }
        Figures.Percentiles client = visible.clientTimeToFinal();
        String measured = ms(client.p50()) + " / " + ms(client.p99()) + " ms"
                + (visible.serverTimeToFinal() == null ? ""
                        : " (server " + ms(visible.serverTimeToFinal().p50()) + " / "
                                + ms(visible.serverTimeToFinal().p99()) + " ms)")
                + (visible.arrivalRate() != null && visible.arrivalRate() != VISIBLE_RATE
                        ? " at " + n(visible.arrivalRate()) + "/s" : "");
        return new Row(target, measured, visibleVerdict(visible));
    }

    /**
     * Met when, at the target's rate, nearly every buyer read a final status and the client-side p50 and p99 are
     * within the thresholds: a run that dropped buyers would otherwise look fast.
     */
    static Verdict visibleVerdict(Figures visible) {
        if (visible.arrivalRate() == null || visible.arrivalRate() != VISIBLE_RATE) {
            return Verdict.NOT_JUDGED;
        }
        Figures.Percentiles client = visible.clientTimeToFinal();
        boolean everyone = client.count() >= visible.buyers() * (1 - SustainedRate.ERROR_SHARE)
                && visible.invariantsHold();
        return everyone && client.p50() <= VISIBLE_P50.toMillis() && client.p99() <= VISIBLE_P99.toMillis()
                ? Verdict.MET : Verdict.MISSED;
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ms(Double value) {
        if (value == null) {
            return "–";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(Double value) {
        return value == null ? "–" : x(value);
    }

    private static String x(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }
}
