package dev.flashsale.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * How the sale stands, as this API instance has seen it since it started: counts that only grow, so that a client
 * polling it gets rates per second from two answers and their {@code at}.
 */
@Schema(name = "SaleSummary", description = "Counts since this API instance started; rates are the difference "
        + "between two summaries divided by the time between their `at`")
public record SaleSummary(
        @Schema(description = "When this summary was taken") Instant at,
        @Schema(description = "Orders accepted, as applied to this instance's read model") long accepted,
        @Schema(description = "Orders rejected (any reason), as applied to this instance's read model") long rejected,
        @Schema(description = "POST /api/orders answered 409 SOLD_OUT by this instance") long soldOut,
        DecisionLatency decisionLatency,
        @Schema(description = "Order requests on flashsale.order-requests that the inventory processor has not "
                + "consumed yet (end offsets minus its committed offsets, all partitions); null while unknown: the "
                + "processor has committed nothing yet or the broker did not answer in time", nullable = true)
        Long processorLag) {

    /** From request to the whole order's decision, in the processor's clock. */
    @Schema(name = "DecisionLatency", description = "From an order's request to its decision (accepted or rejected)")
    public record DecisionLatency(
            @Schema(description = "Decisions timed") long count,
            @Schema(description = "Their summed latency in milliseconds: the mean over a period is the difference "
                    + "of two sums over the difference of two counts") double totalMillis,
            @Schema(description = "The longest in the last couple of minutes, in milliseconds") double maxMillis) {
    }
}
