package dev.flashsale.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Markdown tables of a {@link Report}: printed at the end of a run and appended to docs/benchmarks.md. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(Report report, String command, String chart) {
        StringBuilder md = new StringBuilder();
        Machine m = report.machine();
        md.append("### Run ").append(report.runId()).append("\n\n")
                .append("`").append(command).append("` on ").append(m.cores()).append(" cores (").append(m.cpu())
                .append("), ").append(m.memoryMb() / 1024).append(" GiB, ").append(m.kernel()).append(", ")
                .append(m.java()).append("; load average at start ").append(m.loadAverageAtStart()).append(".\n\n");
        if (!report.runs().isEmpty()) {
            md.append("| system | scenario | load | machine load | buyers | stock | submissions/s | final statuses/s"
                    + " | processor decisions/s | submit p50 / p99 / p99.9 ms"
                    + " | final, client p50 / p99 ms | final, server p50 / p99 ms | accepted | rejected (409) | units sold"
                    + " | oversold | acked without final | sell-out s | CPU ms per unit | CPU ms per final status |\n");
            md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Figures f : report.runs()) {
                row(md, f);
            }
            md.append("\nCPU per unit and per final status: CPU-seconds of all of the system's processes during the run"
                    + " (flashsale: order-api, inventory-processor, kafka, postgres; a baseline: its app and postgres;"
                    + " not the load generator) ÷ units sold, ÷ final statuses buyers read.\n");
        }
        ratios(md, report);
        processes(md, report.runs());
        if (!report.brokerLimits().isEmpty()) {
            md.append("\nBroker limit: raw produce→consume, order-request records as the API sends them"
                    + " (acks=all, idempotent, linger.ms=5), one consumer.\n\n")
                    .append("| partitions | records | value bytes | records/s | produce→consume p50 / p99 ms |\n")
                    .append("|---:|---:|---:|---:|---|\n");
            for (BrokerLimit.Result l : report.brokerLimits()) {
                md.append("| ").append(l.partitions()).append(" | ").append(l.records()).append(" | ")
                        .append(l.valueBytes()).append(" | ").append(n(l.recordsPerSecond())).append(" | ")
                        .append(ms(l.produceToConsume().p50())).append(" / ").append(ms(l.produceToConsume().p99()))
                        .append(" |\n");
            }
        }
        if (!report.openModel().isEmpty()) {
            md.append("\nOpen model (flashsale, one hot product that does not sell out; latency from the intended"
                    + " send time):\n\n")
                    .append("| offered buyers/s | submissions/s | processor decisions/s | submit p50 / p99 / p99.9 ms"
                            + " | final, client p50 / p99 ms | final, server p50 / p99 ms | acked without final |\n")
                    .append("|---|---:|---:|---|---|---|---:|\n");
            for (Figures f : report.openModel()) {
                md.append("| ").append(f.model().replace("open, ", "")).append(" | ")
                        .append(n(f.submissionsPerSecond())).append(" | ").append(n(f.deciderPerSecond()))
                        .append(" | ").append(p3(f.submitLatency())).append(" | ").append(p2(f.clientTimeToFinal()))
                        .append(" | ").append(p2(f.serverTimeToFinal())).append(" | ")
                        .append(f.acknowledgedWithoutFinalStatus()).append(" |\n");
            }
        }
        if (!report.commitIntervalCurve().isEmpty()) {
            md.append("\ncommit.interval.ms curve (flashsale, closed load, products that do not sell out):\n\n")
                    .append("| commit.interval.ms | processor decisions/s | final, server p50 / p99 ms | final, client p50 / p99 ms"
                            + " | submit p99 ms | processor CPU cores |\n")
                    .append("|---:|---:|---|---|---:|---:|\n");
            for (Map.Entry<Long, Figures> point : report.commitIntervalCurve().entrySet()) {
                Figures f = point.getValue();
                md.append("| ").append(point.getKey()).append(" | ").append(n(f.deciderPerSecond())).append(" | ")
                        .append(p2(f.serverTimeToFinal())).append(" | ").append(p2(f.clientTimeToFinal()))
                        .append(" | ").append(ms(f.submitLatency().p99())).append(" | ")
                        .append(cores(f, "inventory-processor")).append(" |\n");
            }
        }
        if (!report.commitIntervalCurveProcessorAlone().isEmpty()) {
            md.append("\nThe same curve for the processor alone (requests produced straight to Kafka, 48 products):\n\n")
                    .append("| commit.interval.ms | requests | decisions/s | final, server p50 / p99 ms"
                            + " | processor CPU cores | undecided |\n")
                    .append("|---:|---:|---:|---|---:|---:|\n");
            for (Map.Entry<Long, ProcessorCapacity.Result> point : report.commitIntervalCurveProcessorAlone()
                    .entrySet()) {
                ProcessorCapacity.Result r = point.getValue();
                md.append("| ").append(point.getKey()).append(" | ").append(r.records()).append(" | ")
                        .append(n(r.decisionsPerSecond())).append(" | ").append(p2(r.serverTimeToFinal()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.2f", processorCores(r))).append(" | ")
                        .append(r.undecided()).append(" |\n");
            }
        }
        if (!report.scaling().isEmpty()) {
            md.append("\nThe inventory processor alone (order requests produced straight to Kafka as the API encodes"
                    + " them, 48 products spread over the partitions, fresh topics per partition count, 2 stream"
                    + " threads per instance):\n\n")
                    .append("| partitions | instances | requests | decisions/s | final, server p50 / p99 ms"
                            + " | processor CPU cores | kafka CPU cores | undecided |\n")
                    .append("|---:|---:|---:|---:|---|---:|---:|---:|\n");
            for (ProcessorCapacity.Result r : report.scaling()) {
                double processorCores = processorCores(r);
                ProcessWatch.Usage kafka = r.processes().get("kafka");
                md.append("| ").append(r.partitions()).append(" | ").append(r.instances()).append(" | ")
                        .append(r.records()).append(" | ").append(n(r.decisionsPerSecond())).append(" | ")
                        .append(p2(r.serverTimeToFinal())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", processorCores)).append(" | ")
                        .append(kafka == null ? "–" : String.format(Locale.ROOT, "%.2f", kafka.cores()))
                        .append(" | ").append(r.undecided()).append(" |\n");
            }
        }
        List<String> failures = report.failures();
        md.append("\nInvariants: ").append(failures.isEmpty()
                ? "no unit oversold and every acknowledged order has a final status, in every run."
                : "FAILED in " + String.join("; ", failures) + ": oversold units or acknowledged orders without a"
                        + " final status.")
                .append("\n");
        if (chart != null) {
            md.append("\nChart: `").append(chart).append("`\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, Figures f) {
        md.append("| ").append(f.system()).append(" | ").append(f.scenario()).append(" | ").append(f.model())
                .append(" | ").append(String.format(Locale.ROOT, "%.1f", f.loadAverageAtStart()))
                .append(" | ").append(f.buyers()).append(" | ").append(f.stock()).append(" | ")
                .append(n(f.submissionsPerSecond())).append(" | ").append(n(f.decisionsPerSecond())).append(" | ")
                .append(f.processorDecisionsPerSecond() == null ? "–" : n(f.processorDecisionsPerSecond()))
                .append(" | ").append(p3(f.submitLatency())).append(" | ").append(p2(f.clientTimeToFinal())).append(" | ")
                .append(p2(f.serverTimeToFinal())).append(" | ").append(f.accepted()).append(" | ")
                .append(f.rejected()).append(f.soldOutAnswers() > 0 ? " (" + f.soldOutAnswers() + ")" : "")
                .append(" | ").append(f.unitsSold()).append(" | ").append(f.oversold()).append(" | ")
                .append(f.acknowledgedWithoutFinalStatus()).append(" | ")
                .append(f.sellOutSeconds() == null ? "–" : String.format(Locale.ROOT, "%.2f", f.sellOutSeconds()))
                .append(" | ").append(cpuMs(f.cpuMsPerUnit())).append(" | ").append(cpuMs(f.cpuMsPerFinalStatus()))
                .append(" |\n");
    }

    private static String cpuMs(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static void ratios(StringBuilder md, Report report) {
        Set<String> scenarios = new LinkedHashSet<>();
        report.runs().forEach(f -> scenarios.add(f.scenario()));
        List<String> lines = new ArrayList<>();
        for (String scenario : scenarios) {
            Optional<Figures> flashsale = report.find(Bench.FLASHSALE, scenario);
            if (flashsale.isEmpty()) {
                continue;
            }
            Figures fs = flashsale.get();
            StringBuilder line = new StringBuilder("| ").append(scenario).append(" | ");
            line.append(ratio(fs, report.find(Bench.FOR_UPDATE, scenario))).append(" | ");
            line.append(ratio(fs, report.find(Bench.CONDITIONAL, scenario))).append(" | ");
            Optional<BrokerLimit.Result> limit = fs.products() == 1 ? report.brokerLimit(1)
                    : report.brokerLimitAllPartitions();
            line.append(limit.map(l -> x(fs.deciderPerSecond() / l.recordsPerSecond()) + " of "
                    + n(l.recordsPerSecond()) + " (" + l.partitions() + " partition" + (l.partitions() > 1 ? "s" : "")
                    + ")").orElse("–")).append(" |");
            lines.add(line.toString());
        }
        if (lines.isEmpty()) {
            return;
        }
        md.append("\nflashsale as a ratio: final statuses/s (sell-out time in brackets, baseline ÷ flashsale) to each"
                + " baseline; processor decisions/s to the broker's records/s:\n\n")
                .append("| scenario | ÷ SELECT FOR UPDATE | ÷ conditional UPDATE | ÷ broker limit |\n")
                .append("|---|---:|---:|---:|\n");
        lines.forEach(line -> md.append(line).append("\n"));
    }

    private static String ratio(Figures flashsale, Optional<Figures> baseline) {
        return baseline.map(b -> {
            String decisions = x(flashsale.decisionsPerSecond() / Math.max(b.decisionsPerSecond(), 1e-9));
            if (flashsale.sellOutSeconds() != null && b.sellOutSeconds() != null && flashsale.sellOutSeconds() > 0) {
                decisions += " (" + x(b.sellOutSeconds() / flashsale.sellOutSeconds()) + ")";
            }
            return decisions;
        }).orElse("–");
    }

    private static void processes(StringBuilder md, List<Figures> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(f -> names.addAll(f.processes().keySet()));
        if (names.isEmpty()) {
            return;
        }
        md.append("\nCPU (cores busy on average) and peak heap (MB) per process during each run:\n\n| system | scenario |");
        names.forEach(name -> md.append(' ').append(name).append(" |"));
        md.append("\n|---|---|");
        names.forEach(name -> md.append("---:|"));
        md.append("\n");
        for (Figures f : runs) {
            md.append("| ").append(f.system()).append(" | ").append(f.scenario()).append(" |");
            for (String name : names) {
                ProcessWatch.Usage usage = f.processes().get(name);
                md.append(' ').append(usage == null ? "–" : String.format(Locale.ROOT, "%.2f", usage.cores())
                        + (usage.heapPeakMb() >= 0 ? " / " + Math.round(usage.heapPeakMb()) : "")).append(" |");
            }
            md.append("\n");
        }
    }

    private static double processorCores(ProcessorCapacity.Result r) {
        return r.processes().entrySet().stream().filter(e -> e.getKey().startsWith("inventory-processor"))
                .mapToDouble(e -> e.getValue().cores()).sum();
    }

    private static String cores(Figures f, String process) {
        ProcessWatch.Usage usage = f.processes().get(process);
        return usage == null ? "–" : String.format(Locale.ROOT, "%.2f", usage.cores());
    }

    private static String p3(Figures.Percentiles p) {
        return p == null || p.count() == 0 ? "–" : ms(p.p50()) + " / " + ms(p.p99()) + " / " + ms(p.p999());
    }

    private static String p2(Figures.Percentiles p) {
        return p == null || p.count() == 0 ? "–" : ms(p.p50()) + " / " + ms(p.p99());
    }

    private static String ms(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String x(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
