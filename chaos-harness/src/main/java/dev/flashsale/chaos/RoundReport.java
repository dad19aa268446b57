package dev.flashsale.chaos;

import dev.flashsale.chaos.check.Check;
import dev.flashsale.chaos.fault.FaultKind;
import dev.flashsale.chaos.fault.InjectedFault;
import dev.flashsale.chaos.load.BuyerOutcome;
import dev.flashsale.chaos.load.SaleCounters.RetryCause;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One round: what was injected, what the buyers got, and the invariants. */
public record RoundReport(int round, List<InjectedFault> faults, List<BuyerOutcome> outcomes,
        Map<Integer, Long> answers, Map<RetryCause, Long> retries, List<Check> checks, Duration took) {

    public Map<FaultKind, Long> faultsByKind() {
        Map<FaultKind, Long> byKind = new EnumMap<>(FaultKind.class);
        for (InjectedFault fault : faults) {
            byKind.merge(fault.planned().kind(), 1L, Long::sum);
        }
        return byKind;
    }

    /** Broken invariants, plus faults the system did not recover from. */
    public long violations() {
        return checks.stream().mapToLong(Check::violations).sum()
                + faults.stream().filter(f -> f.failure() != null).count();
    }

    public long acknowledged() {
        return outcomes.stream().filter(BuyerOutcome::acknowledged).count();
    }

    /** Acknowledged orders by the last status their buyer saw: REJECTED, PAID, CANCELLED, EXPIRED, or not final. */
    public Map<String, Long> statuses() {
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        outcomes.stream().filter(BuyerOutcome::acknowledged)
                .forEach(outcome -> byStatus.merge(outcome.apiStatus(), 1L, Long::sum));
        return byStatus;
    }

    /** Buyers refused {@code 409 SOLD_OUT}. */
    public long soldOut() {
        return outcomes.stream().filter(BuyerOutcome::soldOut).count();
    }

    /** Units in the orders their buyers saw PAID: sold for good (the checks hold the log to the same). */
    public long unitsPaid() {
        return outcomes.stream().filter(outcome -> "PAID".equals(outcome.apiStatus()))
                .mapToLong(outcome -> outcome.plan().quantity()).sum();
    }

    public long retryCount() {
        return retries.values().stream().mapToLong(Long::longValue).sum();
    }
}
