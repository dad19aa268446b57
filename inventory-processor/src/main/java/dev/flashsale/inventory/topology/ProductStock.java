package dev.flashsale.inventory.topology;

import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A product's stock as the processor keeps it in its store. Every change goes through a method that refuses a move
 * that would break the invariants (never negative, never past {@link Integer#MAX_VALUE}) and bumps the version.
 *
 * @param stockedBy the eventId of the {@link ProductStocked} that registered the product, so a re-sent registration
 *                  is recognised however late it comes
 * @param maxPerCustomer units one customer may hold in accepted orders of the product; null for no limit
 * @param paymentWindow how long a buyer has to pay for an accepted order of the product; null for the processor's
 *                  default
 */
record ProductStock(int available, long version, UUID stockedBy, Integer maxPerCustomer, Duration paymentWindow) {

    ProductStock {
        Objects.requireNonNull(stockedBy, "stockedBy");
        if (available < 0) {
            throw new IllegalArgumentException("available must not be negative but was " + available);
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive but was " + version);
        }
    }

    static ProductStock stocked(ProductStocked event) {
        return new ProductStock(event.initialUnits(), 1, event.eventId(), event.maxPerCustomer(),
                event.paymentWindow());
    }

    ProductStock(int available, long version, UUID stockedBy) {
        this(available, version, stockedBy, null, null);
    }

    ProductStock(int available, long version, UUID stockedBy, Integer maxPerCustomer) {
        this(available, version, stockedBy, maxPerCustomer, null);
    }

    /** Whether a customer who holds {@code held} units may take {@code quantity} more. */
    boolean allows(int held, int quantity) {
        return maxPerCustomer == null || (long) held + quantity <= maxPerCustomer;
    }

    /** The same stock under another limit; the version stays, since the available units did not move. */
    ProductStock limitedTo(Integer limit) {
        return new ProductStock(available, version, stockedBy, limit, paymentWindow);
    }

    /** The same stock with another payment window; like a limit, it moves no units and keeps the version. */
    ProductStock withPaymentWindow(Duration window) {
        return new ProductStock(available, version, stockedBy, maxPerCustomer, window);
    }

    /** The window an order accepted now is given: the product's own, or {@code fallback} when it has none. */
    Duration paymentWindowOr(Duration fallback) {
        return paymentWindow == null ? fallback : paymentWindow;
    }

    boolean covers(int quantity) {
        return quantity <= available;
    }

    ProductStock reserve(int quantity) {
        if (quantity < 1 || !covers(quantity)) {
            throw new InsufficientStockException(quantity, available);
        }
        return new ProductStock(available - quantity, version + 1, stockedBy, maxPerCustomer,
                paymentWindow);
    }

    ProductStock replenish(int delta) {
        if (delta < 1) {
            throw new IllegalArgumentException("delta must be positive but was " + delta);
        }
        try {
            return new ProductStock(Math.addExact(available, delta), version + 1, stockedBy, maxPerCustomer,
                paymentWindow);
        } catch (ArithmeticException e) {
            throw new StockOverflowException(available, delta);
        }
    }

    StockLevel level(ProductId productId, Instant at) {
        return new StockLevel(productId, available, version, at);
    }

    /** A reservation asked for more than is available; callers check {@link #covers(int)} first. */
    static final class InsufficientStockException extends IllegalStateException {

        InsufficientStockException(int quantity, int available) {
            super("cannot reserve " + quantity + " units, " + available + " available");
        }
    }

    /** A restock or a release would push the available units past what the events can carry. */
    static final class StockOverflowException extends IllegalStateException {

        StockOverflowException(int available, int delta) {
            super("adding " + delta + " units to " + available + " available exceeds " + Integer.MAX_VALUE);
        }
    }
}
