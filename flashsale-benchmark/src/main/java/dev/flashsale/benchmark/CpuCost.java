package dev.flashsale.benchmark;

import java.util.Map;
import java.util.Optional;

/**
 * What a sale cost the system under test in CPU: every process watched during the run but the load generator
 * (flashsale: order API, inventory processor, broker, PostgreSQL; a baseline: its app and PostgreSQL), summed.
 */
final class CpuCost {

    private CpuCost() {
    }

    /**
     * CPU-seconds of the system's own processes; empty when its front process was not watched (a {@code --base-url}
     * system without pid files), since PostgreSQL alone would look like a cheap system.
     */
    static Optional<Double> systemCpuSeconds(String system, Map<String, ProcessWatch.Usage> processes) {
        String front = system.equals(Bench.FLASHSALE) ? "order-api" : "baseline";
        if (!processes.containsKey(front)) {
            return Optional.empty();
        }
        return Optional.of(processes.entrySet().stream()
                .filter(e -> !e.getKey().equals(ProcessWatch.LOAD_GENERATOR))
                .mapToDouble(e -> e.getValue().cpuSeconds()).sum());
    }

    /** Milliseconds of CPU per item, to 0.01 ms; empty without CPU figures or items. */
    static Double msPer(Optional<Double> cpuSeconds, long items) {
        return cpuSeconds.filter(cpu -> items > 0).map(cpu -> Math.round(cpu * 100_000 / items) / 100.0)
                .orElse(null);
    }
}
