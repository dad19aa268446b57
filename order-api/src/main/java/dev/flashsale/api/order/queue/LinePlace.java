package dev.flashsale.api.order.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A pending order line's place in line: how many records of its product's partition of the order requests, its own
 * included, the processor has not processed yet, and how long that should take at the partition's recent rate.
 */
@Schema(name = "PlaceInLine", description = "A PENDING item's place in its product's line")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinePlace(
        String productId,
        @Schema(description = "Requests of the product's line not decided yet, this one included: 1 is next, 0 is "
                + "decided (the status follows at once). Never goes up. Counts every request of the products that share "
                + "the line's partition, and units given back by other orders", example = "42")
        long position,
        @Schema(description = "Seconds until the decision at the line's recent rate; absent while the processor is "
                + "not deciding the line (stopped, or not started yet) or once the position is 0", nullable = true,
                example = "0.8")
        Double estimatedWaitSeconds) {
}
