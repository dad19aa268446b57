package dev.flashsale.chaos;

import dev.flashsale.chaos.fault.FaultKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every round of one {@code bin/chaos} run. */
public record RunReport(long seed, List<RoundReport> rounds) {

    public Map<FaultKind, Long> faultsByKind() {
        Map<FaultKind, Long> byKind = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            byKind.put(kind, 0L);
        }
        rounds.forEach(round -> round.faultsByKind().forEach((kind, count) -> byKind.merge(kind, count, Long::sum)));
        return byKind;
    }

    public long violations() {
        return rounds.stream().mapToLong(RoundReport::violations).sum();
    }

    public long acknowledged() {
        return rounds.stream().mapToLong(RoundReport::acknowledged).sum();
    }

    public long orders() {
        return rounds.stream().mapToLong(round -> round.outcomes().size()).sum();
    }

    public long soldOut() {
        return rounds.stream().mapToLong(RoundReport::soldOut).sum();
    }

    public long unitsPaid() {
        return rounds.stream().mapToLong(RoundReport::unitsPaid).sum();
    }

    public long retries() {
        return rounds.stream().mapToLong(RoundReport::retryCount).sum();
    }
}
