package dev.flashsale.benchmark;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of one run, as written to the JSON file; times in milliseconds. {@code decisionsPerSecond} counts final
 * statuses as buyers received them (a baseline's synchronous answer, flashsale's decision or its 409 sold-out answer),
 * so it compares across systems; {@code processorDecisionsPerSecond} is flashsale's processor alone, from the
 * decisions' own timestamps.
 *
 * @param arrivalRate         buyers/s offered in the open model; empty in the closed model
 * @param cpuMsPerUnit        CPU of the system's own processes (all but the load generator) ÷ units sold
 * @param cpuMsPerFinalStatus the same CPU ÷ final statuses buyers read
 */
record Figures(
        String system,
        String scenario,
        String model,
        double loadAverageAtStart,
        long buyers,
        int stock,
        int products,
        double seconds,
        double submissionsPerSecond,
        double decisionsPerSecond,
        Double processorDecisionsPerSecond,
        Percentiles submitLatency,
        Percentiles submitServiceTime,
        Percentiles clientTimeToFinal,
        Percentiles serverTimeToFinal,
        long accepted,
        long rejected,
        long soldOutAnswers,
        long unitsSold,
        long oversold,
        long acknowledged,
        long acknowledgedWithoutFinalStatus,
        long duplicateDecisions,
        Double sellOutSeconds,
        Map<String, Long> answers,
        Map<String, ProcessWatch.Usage> processes,
        List<TimePoint> timeline,
        Double arrivalRate,
        Double cpuMsPerUnit,
        Double cpuMsPerFinalStatus) {

    boolean isFlashsale() {
        return system.equals(Bench.FLASHSALE);
    }

    /** The processor's rate where there is one, else the final statuses per second. */
    double deciderPerSecond() {
        return processorDecisionsPerSecond != null ? processorDecisionsPerSecond : decisionsPerSecond;
    }

    boolean invariantsHold() {
        return oversold == 0 && acknowledgedWithoutFinalStatus == 0;
    }

    /** Submit answers of any kind, failures included. */
    long answered() {
        return answers.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Submits that were neither taken (2xx) nor refused as sold out (409): errors, timeouts, no answer at all. */
    long failedAnswers() {
        return answers.entrySet().stream().filter(e -> !e.getKey().startsWith("2") && !e.getKey().equals("409"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Percentiles of an HdrHistogram of microseconds, in milliseconds. */
    record Percentiles(long count, double p50, double p99, double p999, double max) {

        static Percentiles of(Histogram micros) {
            if (micros == null || micros.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0, 0);
            }
            return new Percentiles(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                    ms(micros.getMaxValue()));
        }

        private static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }

    /** One second of a run: final statuses read by buyers, and the p99 submit latency of the answers in it. */
    record TimePoint(long second, long finals, double submitP99) {
    }
}
