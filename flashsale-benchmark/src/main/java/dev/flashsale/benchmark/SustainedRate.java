package dev.flashsale.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The highest arrival rate a system sustained in the open model: the highest step whose submit p99 (from the intended
 * send time) stayed within the bound, every buyer got an answer, at most one in a thousand of them an error, and the
 * invariants held. A system's stepping stops after the first step whose p99 misses the bound by far.
 *
 * @param highestRate buyers/s of the highest sustained step; empty when none was
 * @param steps       steps run
 * @param gaveUp      whether the stepping stopped before the last rate
 */
record SustainedRate(String system, Double highestRate, int steps, boolean gaveUp) {

    /** Errors a sustained step may have, as a share of its buyers: one lost connection is noise, not a limit. */
    static final double ERROR_SHARE = 0.001;

    static boolean sustained(Figures step, Duration p99Bound) {
        return step.submitLatency().count() > 0
                && step.submitLatency().p99() <= p99Bound.toMillis()
                && step.answered() >= step.buyers()
                && step.failedAnswers() <= step.buyers() * ERROR_SHARE
                && step.invariantsHold();
    }

    /** Whether to stop stepping this system up after {@code step}. */
    static boolean giveUp(Figures step, Duration giveUpP99) {
        return step.submitLatency().p99() > giveUpP99.toMillis() || !step.invariantsHold();
    }

    static SustainedRate of(String system, List<Figures> steps, BenchOptions.OpenSweep sweep) {
        List<Figures> own = steps.stream().filter(f -> f.system().equals(system)).toList();
        Double highest = own.stream().filter(f -> sustained(f, sweep.p99Bound())).map(Figures::arrivalRate)
                .max(Double::compare).orElse(null);
        boolean gaveUp = !own.isEmpty() && own.size() < sweep.rates().size()
                && giveUp(own.get(own.size() - 1), sweep.giveUpP99());
        return new SustainedRate(system, highest, own.size(), gaveUp);
    }

    /** {@code numerator}'s highest sustained rate ÷ {@code denominator}'s; empty unless both sustained one. */
    static Optional<Double> ratio(List<SustainedRate> rates, String numerator, String denominator) {
        Optional<Double> top = find(rates, numerator);
        Optional<Double> bottom = find(rates, denominator);
        return top.flatMap(t -> bottom.map(b -> t / b));
    }

    private static Optional<Double> find(List<SustainedRate> rates, String system) {
        return rates.stream().filter(r -> r.system().equals(system)).findFirst()
                .map(SustainedRate::highestRate).filter(rate -> rate != null && rate > 0);
    }
}
