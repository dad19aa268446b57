package dev.flashsale.api.order;

import dev.flashsale.events.OrderStatus;

/**
 * The order's status does not allow the command: decided by the read model before anything was sent, or by the order
 * aggregator, which refused it. The order did not change.
 */
public class OrderStatusConflictException extends RuntimeException {

    public static final String CODE = "STATUS_CONFLICT";

    private final OrderStatus currentStatus;
    private final String paymentReference;

    OrderStatusConflictException(String action, Order order) {
        this(action, order.orderId().value(), order.status(), order.paymentReference());
    }

    public OrderStatusConflictException(String action, String orderId, OrderStatus currentStatus, String paymentReference) {
        super("Order '" + orderId + "' is " + currentStatus + " and cannot be " + action);
        this.currentStatus = currentStatus;
        this.paymentReference = paymentReference;
    }

    public OrderStatus currentStatus() {
        return currentStatus;
    }

    /** The reference of the payment of a PAID order, so that a client retrying its own payment recognises it. */
    public String paymentReference() {
        return currentStatus == OrderStatus.PAID ? paymentReference : null;
    }
}
