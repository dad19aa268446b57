package dev.flashsale.api.order.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.api.order.queue.LinePlace;
import dev.flashsale.api.order.status.StatusReached;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

record OrderView(
        String orderId,
        String customerId,
        List<Item> items,
        @Schema(description = "Sum of quantity times unit price over the items, in minor units", example = "198000")
        long total,
        OrderStatus status,
        @Schema(description = "Why the order was rejected, such as OUT_OF_STOCK; null unless REJECTED",
                nullable = true, example = "OUT_OF_STOCK")
        String reason,
        @Schema(description = "REJECTED: the product of the item that was refused", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL) String rejectedProductId,
        @Schema(description = "ACCEPTED: when the order expires unless paid; absent without a deadline",
                nullable = true, example = "2025-11-26T21:36:00.140211Z")
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant paymentDeadline,
        @Schema(description = "PAID: the payment's reference", nullable = true, example = "psp-4711")
        @JsonInclude(JsonInclude.Include.NON_NULL) String paymentReference,
        @Schema(description = "PAID: the amount paid, in minor units", nullable = true, example = "198000")
        @JsonInclude(JsonInclude.Include.NON_NULL) Long amount,
        @Schema(description = "Every status the order reached, PENDING first, in order")
        List<Step> history,
        Instant createdAt,
        Instant updatedAt) {

    record Item(
            String productId,
            int quantity,
            @Schema(description = "PENDING: requests of the product's line not decided yet, this one included (1 is "
                    + "next, 0 decided); never goes up. Absent when not pending, or not known yet",
                    nullable = true, example = "42")
            @JsonInclude(JsonInclude.Include.NON_NULL) Long position,
            @Schema(description = "PENDING: seconds until the decision at the line's recent rate; absent while the "
                    + "processor is not deciding the line", nullable = true, example = "0.8")
            @JsonInclude(JsonInclude.Include.NON_NULL) Double estimatedWaitSeconds) {
    }

    record Step(OrderStatus status, Instant at) {
    }

    /** @param places the pending order's places in line ({@code DecisionProgressView#placesOf}), by product */
    static OrderView of(Order order, List<LinePlace> places) {
        boolean paid = order.status() == OrderStatus.PAID;
        ProductId rejectedProduct = order.status() == OrderStatus.REJECTED ? order.rejectedProductId() : null;
        return new OrderView(order.orderId().value(), order.customerId().value(),
                order.lines().stream().map(line -> item(line, places)).toList(),
                order.total(), order.status(), order.reason(),
                rejectedProduct == null ? null : rejectedProduct.value(),
                order.status() == OrderStatus.ACCEPTED ? order.paymentDeadline() : null,
                paid ? order.paymentReference() : null, paid ? order.paidAmount() : null,
                order.history().stream().map(OrderView::step).toList(), order.createdAt(), order.updatedAt());
    }

    private static Item item(OrderLine line, List<LinePlace> places) {
        for (LinePlace place : places) {
            if (place.productId().equals(line.productId().value())) {
                return new Item(line.productId().value(), line.quantity(), place.position(),
                        place.estimatedWaitSeconds());
            }
        }
        return new Item(line.productId().value(), line.quantity(), null, null);
    }

    private static Step step(StatusReached reached) {
        return new Step(reached.status(), reached.at());
    }
}
