package dev.flashsale.api.order.status;

import dev.flashsale.events.OrderStatus;

/**
 * The ID of a status event, which a reconnecting client sends back as {@code Last-Event-ID}: the status the event
 * reports. An order reaches each status at most once and only moves to a later step ({@link OrderStatus#step()}), and
 * the read model keeps every status it reached with its time. So the status alone says which of the order's changes a
 * client has, on whichever API instance it reconnects to and after any restart, where a counter of the connection
 * would mean nothing to another one.
 */
public final class StatusEventId {

    /** Every ID this version sends, or empty (as if none was sent); for validating {@code Last-Event-ID}. */
    public static final String PATTERN = "(PENDING|ACCEPTED|REJECTED|PAID|CANCELLED|EXPIRED)?";

    private StatusEventId() {
    }

    static String of(OrderStatus status) {
        return status.name();
    }

    /**
     * @param id a {@code Last-Event-ID} that matches {@link #PATTERN}, or null
     * @return the status the client has seen; null if none
     */
    public static OrderStatus parse(String id) {
        return id == null || id.isEmpty() ? null : OrderStatus.valueOf(id);
    }
}
