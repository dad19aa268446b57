package dev.flashsale.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything one {@code bin/bench} run measured; written as JSON, Markdown and a chart. A measure that was skipped is
 * empty (or null, for the single results).
 *
 * @param openModel       every system's open-model steps, in the order run
 * @param sustained       each system's highest arrival rate sustained in the open model
 * @param apiCpu          the order API's CPU per POST and per GET
 * @param visibleDecision flashsale at a fixed arrival rate: time until the buyer sees the decision
 * @param freshJvm        a sale on a freshly started order API and processor, and the same again
 * @param processorAlone  the processor alone on one partition and one stream thread, beside the broker's limit
 */
record Report(
        String runId,
        Machine machine,
        BenchOptions options,
        List<Figures> runs,
        List<BrokerLimit.Result> brokerLimits,
        List<Figures> openModel,
        List<SustainedRate> sustained,
        ApiCpu apiCpu,
        Figures visibleDecision,
        FreshJvm freshJvm,
        ProcessorAlone.Result processorAlone,
        Map<Long, Figures> commitIntervalCurve,
        Map<Long, ProcessorCapacity.Result> commitIntervalCurveProcessorAlone,
        List<ProcessorCapacity.Result> scaling) {

    /** Every run whose invariants failed: an oversold unit or an acknowledged order without a final status. */
    List<String> failures() {
        List<Figures> sales = new ArrayList<>(runs);
        sales.addAll(openModel);
        sales.addAll(commitIntervalCurve.values());
        Optional.ofNullable(visibleDecision).ifPresent(sales::add);
        Optional.ofNullable(freshJvm).ifPresent(fresh -> {
            sales.add(fresh.fresh().figures());
            sales.add(fresh.again().figures());
        });
        List<String> failures = new ArrayList<>(sales.stream()
                .filter(figures -> !figures.invariantsHold())
                .map(figures -> figures.system() + " | " + figures.scenario() + " | " + figures.model())
                .toList());
        if (apiCpu != null && apiCpu.acknowledgedWithoutFinalStatus() > 0) {
            failures.add("order API CPU, POST phase");
        }
        Stream.of(scaling.stream(), commitIntervalCurveProcessorAlone.values().stream(),
                        Stream.ofNullable(processorAlone).map(ProcessorAlone.Result::processor))
                .flatMap(s -> s)
                .filter(result -> result.oversold() > 0 || result.undecided() > 0)
                .map(result -> "processor alone, " + result.partitions() + " partitions, " + result.instances()
                        + " instance(s)")
                .forEach(failures::add);
        return failures;
    }

    Optional<Figures> find(String system, String scenario) {
        return runs.stream().filter(f -> f.system().equals(system) && f.scenario().equals(scenario)).findFirst();
    }

    Optional<BrokerLimit.Result> brokerLimit(int partitions) {
        return brokerLimits.stream().filter(l -> l.partitions() == partitions).findFirst();
    }

    Optional<BrokerLimit.Result> brokerLimitAllPartitions() {
        return brokerLimits.stream().filter(l -> l.partitions() > 1).findFirst()
                .or(() -> brokerLimits.stream().reduce((a, b) -> b));
    }
}
