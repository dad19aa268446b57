package dev.flashsale.events;

import java.util.Set;

/**
 * Where an order stands, as the order aggregator decides it. {@code PENDING} until every line is reserved
 * ({@code ACCEPTED}) or one is refused ({@code REJECTED}); an accepted order is then {@code PAID}, {@code CANCELLED} or
 * {@code EXPIRED}; a pending one may be {@code CANCELLED}. Nothing leaves a final status.
 */
public enum OrderStatus {
    PENDING,
    ACCEPTED,
    REJECTED,
    PAID,
    CANCELLED,
    EXPIRED;

    private static final Set<OrderStatus> FINAL = Set.of(REJECTED, PAID, CANCELLED, EXPIRED);

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** Whether an order in this status holds reserved units that a cancellation or expiry would release. */
    public boolean canBeCancelled() {
        return this == PENDING || this == ACCEPTED;
    }
}
