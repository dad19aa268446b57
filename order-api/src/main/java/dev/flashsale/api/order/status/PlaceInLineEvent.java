package dev.flashsale.api.order.status;

import dev.flashsale.api.order.queue.LinePlace;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The data of a {@code position} event: a PENDING order's places in line moved forward. Sent without an event ID, so
 * that the client's {@code Last-Event-ID} stays its last status.
 */
@Schema(name = "PlaceInLineEvent", description = "The data of a `position` event, as JSON; it has no `id`")
public record PlaceInLineEvent(
        String orderId,
        @Schema(description = "Each item's place in its product's line; all 0 in the last one, sent just before the "
                + "status that decided the order")
        List<LinePlace> placeInLine) {
}
