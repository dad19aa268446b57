package dev.flashsale.api.order.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.queue.LinePlace;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The data of a status event: one status the order reached, with what the buyer needs to act on it. Fields that do
 * not apply to the status are absent, and clients ignore fields they do not know, so that later fields (such as the
 * place in line while PENDING) break no client.
 */
@Schema(name = "StatusEvent", description = "The data of a `status` event, as JSON; its `id` is the status")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusEvent(
        String orderId,
        OrderStatus status,
        @Schema(description = "When the order reached the status") Instant at,
        @Schema(description = "True for REJECTED, PAID, CANCELLED and EXPIRED: the last event, after which the "
                + "stream ends; a client closes its EventSource then, or it reconnects and is answered 204")
        @JsonProperty("final") boolean last,
        @Schema(description = "ACCEPTED: when the order expires unless paid", example = "2025-11-26T21:36:00.140211Z")
        Instant paymentDeadline,
        @Schema(description = "REJECTED: why, such as OUT_OF_STOCK", example = "OUT_OF_STOCK") String reason,
        @Schema(description = "REJECTED: the product of the item that was refused") String rejectedProductId,
        @Schema(description = "PAID: the payment's reference", example = "psp-4711") String paymentReference,
        @Schema(description = "PAID: the amount paid, in minor units", example = "198000") Long amount,
        @Schema(description = "PENDING: each item's place in its product's line, where known. While the order is "
                + "PENDING, `position` events follow as the places move forward")
        List<LinePlace> placeInLine) {

    /**
     * The events a client is owed: with nothing seen, one for the status the order has now; else one for each status
     * it reached after the one seen, in order.
     *
     * @param seen   the status of the client's last event, or null
     * @param places the order's places in line, for a PENDING event
     */
    static List<StatusEvent> since(Order order, OrderStatus seen, List<LinePlace> places) {
        List<StatusReached> history = order.history();
        if (seen == null) {
            return List.of(of(order, history.get(history.size() - 1), places));
        }
        return history.stream()
                .filter(step -> step.status().step() > seen.step())
                .map(step -> of(order, step, places))
                .toList();
    }

    private static StatusEvent of(Order order, StatusReached step, List<LinePlace> places) {
        OrderStatus status = step.status();
        boolean rejected = status == OrderStatus.REJECTED;
        boolean paid = status == OrderStatus.PAID;
        ProductId rejectedProduct = rejected ? order.rejectedProductId() : null;
        return new StatusEvent(order.orderId().value(), status, step.at(), status.isFinal(),
                status == OrderStatus.ACCEPTED ? order.paymentDeadline() : null,
                rejected ? order.reason() : null, rejectedProduct == null ? null : rejectedProduct.value(),
                paid ? order.paymentReference() : null, paid ? order.paidAmount() : null,
                status == OrderStatus.PENDING && !places.isEmpty() ? places : null);
    }
}
