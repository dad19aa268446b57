package dev.flashsale.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator set or reset a known product's payment window: how long a buyer has to pay for an accepted order of it.
 * It moves no stock; it travels on {@link Topics#STOCK_ADJUSTMENTS} so that it applies in order with the product's
 * other changes. Orders accepted before it keep the deadline they were given.
 *
 * @param paymentWindow {@value #MIN_SECONDS} second to {@value #MAX_DAYS} days; {@code null} returns the product to the
 *                      processor's default. Always written, as {@code null} too.
 */
public record PaymentWindowSet(UUID eventId, ProductId productId, Duration paymentWindow, Instant occurredAt)
        implements StockAdjustment {

    public static final long MIN_SECONDS = 1;
    public static final long MAX_DAYS = 7;

    public PaymentWindowSet {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        requireValidWindow(paymentWindow);
    }

    @Override
    public int units() {
        return 0;
    }

    /** Whether a window is one a product may have: whole seconds would do, but sub-second windows serve no buyer. */
    public static boolean isValidWindow(Duration window) {
        return window.compareTo(Duration.ofSeconds(MIN_SECONDS)) >= 0 && window.compareTo(Duration.ofDays(MAX_DAYS)) <= 0;
    }

    static void requireValidWindow(Duration window) {
        if (window != null && !isValidWindow(window)) {
            throw new IllegalArgumentException("paymentWindow must be between PT" + MIN_SECONDS + "S and P" + MAX_DAYS
                    + "D but was " + window);
        }
    }
}
