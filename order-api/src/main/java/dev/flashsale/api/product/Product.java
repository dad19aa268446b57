package dev.flashsale.api.product;

import dev.flashsale.events.RandomIds;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A product on sale as the read model knows it. {@code available} follows the inventory processor's stock levels
 * and may lag them by a moment; it is for display, never for deciding a sale.
 *
 * @param price        in minor units of the currency, such as cents
 * @param stockVersion the {@code StockLevel.version} behind {@code available}; 0 until the first level arrives
 * @param maxPerCustomer units one customer may hold in accepted orders; null for no limit. The processor enforces it.
 * @param paymentWindowMillis how long a buyer has to pay for an accepted order, in milliseconds; null for the
 *                     processor's default. Milliseconds rather than a {@link Duration} column, which Spring Data JDBC
 *                     cannot map without converters; {@link #paymentWindow()} is the duration.
 */
@Table("products")
public record Product(@Id String id, String name, long price, int available, long stockVersion, Instant createdAt,
        Instant updatedAt, Integer maxPerCustomer, Long paymentWindowMillis) {

    public static final int MAX_STOCK = 1_000_000;

    static Product stocked(String name, long price, int stock, Integer maxPerCustomer, Duration paymentWindow,
            Instant now) {
        return new Product(RandomIds.uuid().toString(), name, price, stock, 0, now, now, maxPerCustomer,
                millis(paymentWindow));
    }

    /** Null for the processor's default. */
    public Duration paymentWindow() {
        return paymentWindowMillis == null ? null : Duration.ofMillis(paymentWindowMillis);
    }

    static Long millis(Duration window) {
        return window == null ? null : window.toMillis();
    }
}
