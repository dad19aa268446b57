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
        if (report.options().scalingPartitions().isEmpty()) {
            targets(md, report);
        }
        if (!report.runs().isEmpty()) {
            md.append("| system | scenario | load | machine load | buyers | stock | submissions/s | final statuses/s"
                    + " | processor decisions/s | submit p50 / p99 / p99.9 ms"
                    + " | final, client p50 / p99 ms | final, server p50 / p99 ms | accepted | rejected (409) | units sold"
                    + " | oversold | acked without final | sell-out s | CPU ms per unit | CPU ms per final status |\n");
            md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
                    .append("\n");
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
                    + " (acks=all, idempotent, linger.ms=0), one consumer.\n\n")
                    .append("| partitions | records | value bytes | records/s | produce→consume p50 / p99 ms |\n")
                    .append("|---:|---:|---:|---:|---|\n");
            for (BrokerLimit.Result l : report.brokerLimits()) {
                md.append("| ").append(l.partitions()).append(" | ").append(l.records()).append(" | ")
                        .append(l.valueBytes()).append(" | ").append(n(l.recordsPerSecond())).append(" | ")
                        .append(ms(l.produceToConsume().p50())).append(" / ").append(ms(l.produceToConsume().p99()))
                        .append(" |\n");
            }
        }
        apiCpu(md, report.apiCpu());
        visible(md, report.visibleDecision());
        openModel(md, report);
        processorAlone(md, report.processorAlone());
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
        freshJvm(md, report.freshJvm());
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

    private static void targets(StringBuilder md, Report report) {
        md.append("Targets (all from this run, judged by the performance issue's thresholds; CPU per sold unit has none):\n\n")
                .append("| target | measured | met? |\n|---|---|---|\n");
        for (Targets.Row row : Targets.rows(report)) {
            md.append("| ").append(row.target()).append(" | ").append(row.measured()).append(" | ")
                    .append(row.verdict().text()).append(" |\n");
        }
        md.append("\n");
    }

    private static void apiCpu(StringBuilder md, ApiCpu cpu) {
        if (cpu == null) {
            return;
        }
        md.append("\nOrder API CPU per request, warm (flashsale, open model at ").append(n(cpu.perSecond()))
                .append(" requests/s: POSTs only, distinct buyers, one unit of a product that cannot sell out; then one"
                        + " long-poll GET of each order, decided by then). CPU of the order-api process alone, from"
                        + " /proc; it also runs the read model's consumers, whose work lands in whichever window it"
                        + " happens, mostly in the settling between the phases:\n\n")
                .append("| phase | machine load | requests | answered 2xx | s | order-api CPU s | cores"
                        + " | CPU ms per request | latency p50 / p99 / p99.9 ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        phase(md, cpu.posts());
        md.append("| settling: orders decided and readable | – | – | – | ")
                .append(String.format(Locale.ROOT, "%.2f", cpu.settleSeconds())).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", cpu.settleCpuSeconds())).append(" | – | – | – |\n");
        if (cpu.reads() != null) {
            phase(md, cpu.reads());
        }
        if (cpu.acknowledgedWithoutFinalStatus() > 0) {
            md.append("\nPOSTs acknowledged without a decision: ").append(cpu.acknowledgedWithoutFinalStatus())
                    .append(".\n");
        }
    }

    private static void phase(StringBuilder md, ApiCpu.Phase phase) {
        md.append("| ").append(phase.requests()).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", phase.loadAverageAtStart())).append(" | ")
                .append(phase.sent()).append(" | ").append(phase.answered()).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", phase.seconds())).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", phase.cpuSeconds())).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", phase.cores())).append(" | ")
                .append(cpuMs(phase.cpuMsPerRequest())).append(" | ").append(p3(phase.latency())).append(" |\n");
    }

    private static void visible(StringBuilder md, Figures f) {
        if (f == null) {
            return;
        }
        md.append("\nDecision visible to the buyer (flashsale, open model, one hot product that cannot sell out;"
                        + " client: from the intended send to the read that showed ACCEPTED or REJECTED, each read a"
                        + " long-poll ?wait=10s; server: the decision's occurredAt − requestedAt):\n\n")
                .append("| offered | machine load | buyers | final statuses/s | final, client p50 / p99 ms"
                        + " | target p50 / p99 ms | final, server p50 / p99 ms | submit p50 / p99 / p99.9 ms"
                        + " | acked without final | met? |\n")
                .append("|---|---:|---:|---:|---|---|---|---|---:|---|\n")
                .append("| ").append(f.model().replace("open, ", "")).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", f.loadAverageAtStart())).append(" | ").append(f.buyers())
                .append(" | ").append(n(f.decisionsPerSecond())).append(" | ").append(p2(f.clientTimeToFinal()))
                .append(" | ≤ ").append(Targets.VISIBLE_P50.toMillis()).append(" / ≤ ")
                .append(Targets.VISIBLE_P99.toMillis()).append(" | ").append(p2(f.serverTimeToFinal())).append(" | ")
                .append(p3(f.submitLatency())).append(" | ").append(f.acknowledgedWithoutFinalStatus()).append(" | ")
                .append(Targets.visibleVerdict(f).text()).append(" |\n");
    }

    private static void openModel(StringBuilder md, Report report) {
        if (report.openModel().isEmpty()) {
            return;
        }
        Optional<BenchOptions.OpenSweep> sweep = report.options().open();
        long bound = sweep.map(s -> s.p99Bound().toMillis()).orElse(0L);
        md.append("\nOpen model, every system (one hot product that cannot sell out; arrival rate stepped up, each")
                .append(" step ")
                .append(sweep.map(s -> s.step().toSeconds() + " s").orElse("")).append("; latency from the intended"
                        + " send time; a system's stepping stops after a step whose submit p99 exceeds ")
                .append(sweep.map(s -> s.giveUpP99().toMillis() + " ms").orElse("the give-up bound")).append("):\n\n")
                .append("| system | offered buyers/s | machine load | submissions/s | final statuses/s"
                        + " | processor decisions/s | submit p50 / p99 / p99.9 ms | final, client p50 / p99 ms"
                        + " | final, server p50 / p99 ms | errors | acked without final | p99 ≤ ").append(bound)
                .append(" ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|---|\n");
        for (Figures f : report.openModel()) {
            md.append("| ").append(f.system()).append(" | ")
                    .append(f.arrivalRate() == null ? f.model() : n(f.arrivalRate())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", f.loadAverageAtStart())).append(" | ")
                    .append(n(f.submissionsPerSecond())).append(" | ").append(n(f.decisionsPerSecond())).append(" | ")
                    .append(f.processorDecisionsPerSecond() == null ? "–" : n(f.processorDecisionsPerSecond()))
                    .append(" | ").append(p3(f.submitLatency())).append(" | ").append(p2(f.clientTimeToFinal()))
                    .append(" | ").append(p2(f.serverTimeToFinal())).append(" | ").append(f.failedAnswers())
                    .append(" | ").append(f.acknowledgedWithoutFinalStatus()).append(" | ")
                    .append(sweep.map(s -> SustainedRate.sustained(f, s.p99Bound()) ? "yes" : "no").orElse("–"))
                    .append(" |\n");
        }
        if (report.sustained().isEmpty()) {
            return;
        }
        md.append("\nHighest arrival rate sustained (submit p99 ≤ ").append(bound).append(" ms, every buyer answered,"
                        + " at most 0.1% errors), and flashsale's as a ratio to each baseline's:\n\n")
                .append("| system | highest sustained buyers/s | steps run | stopped early | flashsale ÷ this |\n")
                .append("|---|---:|---:|---|---:|\n");
        for (SustainedRate rate : report.sustained()) {
            md.append("| ").append(rate.system()).append(" | ").append(Targets.sustainedText(rate, sweep))
                    .append(" | ").append(rate.steps()).append(" | ").append(rate.gaveUp() ? "yes" : "no")
                    .append(" | ").append(rate.system().equals(Bench.FLASHSALE) ? "–"
                            : SustainedRate.ratio(report.sustained(), Bench.FLASHSALE, rate.system())
                                    .map(MarkdownReport::x).orElse("–"))
                    .append(" |\n");
        }
    }

    private static void processorAlone(StringBuilder md, ProcessorAlone.Result alone) {
        if (alone == null) {
            return;
        }
        ProcessorCapacity.Result r = alone.processor();
        ProcessorCapacity.Drain d = r.drain();
        BrokerLimit.Result b = alone.broker();
        md.append("\nThe processor alone, 1 partition, 1 stream thread, on a broker of its own (").append(r.records())
                .append(" order requests for ").append(r.products()).append(" products, produced as fast as the"
                        + " producer takes them after ").append(alone.warmUpRequests()).append(" unrecorded; draining:"
                        + " from the producer's flush to the last decision, with the processor's CPU over it), and the"
                        + " same broker's raw produce→consume limit for as many records:\n\n")
                .append("| machine load | requests | produce s | decisions/s, whole run | drained decisions | drain s"
                        + " | decisions/s, draining | processor CPU µs per decision, draining / whole run"
                        + " | final, server p50 / p99 ms | broker records/s, 1 partition | processor ÷ broker"
                        + " | undecided |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|\n")
                .append("| ").append(String.format(Locale.ROOT, "%.1f", alone.loadAverageAtStart())).append(" | ")
                .append(r.records()).append(" | ").append(String.format(Locale.ROOT, "%.2f", d.produceSeconds()))
                .append(" | ").append(n(d.wholeRunPerSecond())).append(" | ").append(d.drainDecisions()).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", d.drainSeconds())).append(" | ")
                .append(d.drainPerSecond() == null ? "–" : n(d.drainPerSecond())).append(" | ")
                .append(d.drainCpuMicrosPerDecision() == null ? "–" : n(d.drainCpuMicrosPerDecision())).append(" / ")
                .append(d.cpuMicrosPerDecision() == null ? "–" : n(d.cpuMicrosPerDecision())).append(" | ")
                .append(p2(r.serverTimeToFinal())).append(" | ").append(n(b.recordsPerSecond())).append(" | ")
                .append(alone.processorToBroker() == null ? "–" : x(alone.processorToBroker())).append(" | ")
                .append(r.undecided()).append(" |\n");
    }

    private static void freshJvm(StringBuilder md, FreshJvm fresh) {
        if (fresh == null) {
            return;
        }
        long window = fresh.window().toSeconds();
        md.append("\nFresh JVMs: the order API and the inventory processor restarted (bin/run-local stop, start; up"
                        + " again after ").append(String.format(Locale.ROOT, "%.1f", fresh.restartSeconds()))
                .append(" s), then, as soon as both were up, a sale at a fixed rate for ").append(window)
                .append(" s (one hot product that cannot sell out), then the same sale again:\n\n")
                .append("| JVMs | machine load | offered | final statuses/s in the first ").append(window)
                .append(" s | submit p50 / p99 / p99.9 ms | final, client p50 / p99 ms | final, server p50 / p99 ms"
                        + " | acked without final |\n")
                .append("|---|---:|---|---:|---|---|---|---:|\n");
        for (FreshJvm.Sale sale : List.of(fresh.fresh(), fresh.again())) {
            Figures f = sale.figures();
            md.append("| ").append(sale.jvms()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", f.loadAverageAtStart())).append(" | ")
                    .append(f.model().replace("open, ", "")).append(" | ").append(n(sale.finalsPerSecond()))
                    .append(" | ").append(p3(f.submitLatency())).append(" | ").append(p2(f.clientTimeToFinal()))
                    .append(" | ").append(p2(f.serverTimeToFinal())).append(" | ")
                    .append(f.acknowledgedWithoutFinalStatus()).append(" |\n");
        }
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
        return r.processes().entrySet().stream().filter(e -> ProcessorCapacity.isProcessor(e.getKey()))
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
