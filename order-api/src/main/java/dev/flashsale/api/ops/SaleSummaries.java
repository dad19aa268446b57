package dev.flashsale.api.ops;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** The operator view's numbers: this instance's order-flow metrics and the processor's lag, in one answer. */
@Component
public class SaleSummaries {

    private final OrderFlowMetrics metrics;
    private final ProcessorLag lag;
    private final Clock clock;

    SaleSummaries(OrderFlowMetrics metrics, ProcessorLag lag, Clock clock) {
        this.metrics = metrics;
        this.lag = lag;
        this.clock = clock;
    }

    public SaleSummary now() {
        var latency = metrics.decisionLatency();
        return new SaleSummary(clock.instant(), metrics.accepted(), metrics.rejected(), metrics.soldOut(),
                new SaleSummary.DecisionLatency(latency.count(), latency.totalTime(TimeUnit.MILLISECONDS),
                        latency.max(TimeUnit.MILLISECONDS)),
                lag.records());
    }
}
