package dev.flashsale.benchmark;

import dev.flashsale.benchmark.load.LoadRecorder;

/**
 * The order API's CPU per request once warm, in two phases run back to back at the same arrival rate: POSTs only
 * (distinct buyers, one unit each of a product that cannot sell out), then one long-poll GET of each order placed, all
 * decided by then. CPU is the order-api process's alone ({@code /proc/<pid>/stat}); that process also runs the read
 * model's consumers, whose work lands in whichever window it happens, mostly in the settling between the phases.
 *
 * @param posts                          the POST phase
 * @param settleSeconds                  from the last POST answer until the orders were decided and readable
 * @param settleCpuSeconds               the order API's CPU meanwhile: its read model catching up
 * @param reads                          the GET phase
 * @param acknowledgedWithoutFinalStatus POSTs answered 2xx whose order got no decision
 */
record ApiCpu(double perSecond, Phase posts, double settleSeconds, double settleCpuSeconds, Phase reads,
        long acknowledgedWithoutFinalStatus) {

    /**
     * One phase's requests and the order API's CPU over it, from the first send to the last answer.
     *
     * @param answered    requests answered 2xx (an order taken; an order shown)
     * @param cpuMsPerRequest the order API's CPU ÷ {@code answered}
     * @param latency     from the intended send time to the answer
     * @param finalStatuses answers that showed ACCEPTED or REJECTED
     */
    record Phase(String requests, double loadAverageAtStart, long sent, long answered, double seconds,
            double cpuSeconds, Double cpuMsPerRequest, double cores, Figures.Percentiles latency, long finalStatuses) {

        static Phase of(String requests, double loadAverage, LoadRecorder recorder, long answered,
                double cpuSeconds) {
            double seconds = Math.max(recorder.lastAnswerNanos() - recorder.firstSendNanos(), 1) / 1e9;
            return new Phase(requests, loadAverage, recorder.submitted(), answered, round(seconds), round(cpuSeconds),
                    answered > 0 ? round(cpuSeconds * 1000 / answered) : null, round(cpuSeconds / seconds),
                    Figures.Percentiles.of(recorder.submitLatency()), recorder.accepted() + recorder.rejected());
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }
}
