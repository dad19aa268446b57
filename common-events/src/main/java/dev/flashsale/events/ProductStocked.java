package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A product was created with its initial stock. Until the inventory processor has seen this event, the product is
 * unknown to it and orders for it are rejected with {@link RejectionReason#UNKNOWN_PRODUCT}.
 *
 * @param initialUnits units on sale, zero or more
 * @param occurredAt   when the product was created
 * @param name         the product's name as the catalog shows it, so the catalog can be rebuilt from the log;
 *                     absent from events written before it was added
 * @param price        in minor units of the currency, zero or more; absent like {@code name}
 * @param maxPerCustomer units one customer may hold in accepted orders of the product, at least one; absent means
 *                     unlimited (and is all that events written before the field can say)
 * @param paymentWindow how long a buyer has to pay for an accepted order of the product; absent means the
 *                     processor's default (ten minutes unless configured otherwise)
 */
public record ProductStocked(UUID eventId, ProductId productId, int initialUnits, Instant occurredAt,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Long price,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxPerCustomer,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Duration paymentWindow) implements StockAdjustment {

    public ProductStocked {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (initialUnits < 0) {
            throw new IllegalArgumentException("initialUnits must not be negative but was " + initialUnits);
        }
        if (price != null && price < 0) {
            throw new IllegalArgumentException("price must not be negative but was " + price);
        }
        PurchaseLimitSet.requireValidLimit(maxPerCustomer);
        PaymentWindowSet.requireValidWindow(paymentWindow);
    }

    /** Initial stock alone, as the event was before it carried the product's name and price. */
    public ProductStocked(UUID eventId, ProductId productId, int initialUnits, Instant occurredAt) {
        this(eventId, productId, initialUnits, occurredAt, null, null, null, null);
    }

    /** A product without a purchase limit, as the event was before it could carry one. */
    public ProductStocked(UUID eventId, ProductId productId, int initialUnits, Instant occurredAt, String name,
            Long price) {
        this(eventId, productId, initialUnits, occurredAt, name, price, null, null);
    }

    /** A product with the default payment window, as the event was before windows could be set. */
    public ProductStocked(UUID eventId, ProductId productId, int initialUnits, Instant occurredAt, String name,
            Long price, Integer maxPerCustomer) {
        this(eventId, productId, initialUnits, occurredAt, name, price, maxPerCustomer, null);
    }

    @Override
    public int units() {
        return initialUnits;
    }
}
