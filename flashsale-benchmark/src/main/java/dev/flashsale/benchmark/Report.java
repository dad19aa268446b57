package dev.flashsale.benchmark;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one {@code bin/bench} run measured; written as JSON, Markdown and a chart. */
record Report(
        String runId,
        Machine machine,
        BenchOptions options,
        List<Figures> runs,
        List<BrokerLimit.Result> brokerLimits,
        List<Figures> openModel,
        Map<Long, Figures> commitIntervalCurve,
        Map<Long, ProcessorCapacity.Result> commitIntervalCurveProcessorAlone,
        List<ProcessorCapacity.Result> scaling) {

    /** Every run whose invariants failed: an oversold unit or an acknowledged order without a final status. */
    List<String> failures() {
        List<String> failures = new java.util.ArrayList<>(java.util.stream.Stream
                .of(runs, openModel, List.copyOf(commitIntervalCurve.values()))
                .flatMap(List::stream)
                .filter(figures -> !figures.invariantsHold())
                .map(figures -> figures.system() + " | " + figures.scenario() + " | " + figures.model())
                .toList());
        java.util.stream.Stream.concat(scaling.stream(), commitIntervalCurveProcessorAlone.values().stream())
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
