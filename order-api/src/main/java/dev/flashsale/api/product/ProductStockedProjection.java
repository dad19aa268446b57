package dev.flashsale.api.product;

import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.events.PaymentWindowSet;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.PurchaseLimitSet;
import dev.flashsale.events.StockAdjustment;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Products as their {@link ProductStocked} events describe them, for a rebuild of the read model from the log only:
 * the live API inserts the row itself ({@link ProductCatalog#create}) before it publishes the event. The row is what
 * {@code create} writes: the initial stock at version 0, created and updated when the event occurred; the stock levels,
 * replayed after, bring it up to date. A {@link PurchaseLimitSet} sets the row's limit. Restocks change nothing
 * here: their effect arrives as a stock level. An event written before it carried the name and price cannot make a row and is left out (the rebuild counts it).
 */
@Component
class ProductStockedProjection implements ReadModelWriter<StockAdjustment> {

    private static final String INSERT = """
            INSERT INTO products (id, name, price, available, stock_version, created_at, updated_at,
                                  max_per_customer, payment_window_millis)
            VALUES (:productId, :name, :price, :available, 0, :occurredAt, :occurredAt, :maxPerCustomer,
                    :paymentWindowMillis)
            ON CONFLICT (id) DO NOTHING
            """;
    // Replayed after the product's ProductStocked, since both are on the product's partition in order.
    private static final String LIMIT = "UPDATE products SET max_per_customer = :maxPerCustomer WHERE id = :productId";
    private static final String WINDOW =
            "UPDATE products SET payment_window_millis = :paymentWindowMillis WHERE id = :productId";

    private final JdbcClient jdbc;
    // JdbcClient has no batch update, and the inserts go as one JDBC batch: one round trip for all their rows.
    private final NamedParameterJdbcTemplate batches;

    ProductStockedProjection(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Whether the event says enough to make the product's row. */
    static boolean describesProduct(StockAdjustment adjustment) {
        return adjustment instanceof ProductStocked stocked && stocked.name() != null && stocked.price() != null;
    }

    @Override
    public void write(List<StockAdjustment> adjustments) {
        SqlParameterSource[] rows = adjustments.stream()
                .filter(ProductStockedProjection::describesProduct)
                .map(ProductStocked.class::cast)
                .map(stocked -> new MapSqlParameterSource()
                        .addValue("productId", stocked.productId().value())
                        .addValue("name", stocked.name())
                        .addValue("price", stocked.price())
                        .addValue("available", stocked.initialUnits())
                        .addValue("occurredAt", stocked.occurredAt().atOffset(ZoneOffset.UTC))
                        .addValue("maxPerCustomer", stocked.maxPerCustomer(), Types.INTEGER)
                        .addValue("paymentWindowMillis", Product.millis(stocked.paymentWindow()), Types.BIGINT))
                .toArray(SqlParameterSource[]::new);
        batches.batchUpdate(INSERT, rows);
        // One statement per limit or window change, in log order, so the last change of a product wins.
        for (StockAdjustment adjustment : adjustments) {
            if (adjustment instanceof PurchaseLimitSet limit) {
                jdbc.sql(LIMIT)
                        .param("productId", limit.productId().value())
                        .param("maxPerCustomer", limit.maxPerCustomer(), Types.INTEGER)
                        .update();
            } else if (adjustment instanceof PaymentWindowSet window) {
                jdbc.sql(WINDOW)
                        .param("productId", window.productId().value())
                        .param("paymentWindowMillis", Product.millis(window.paymentWindow()), Types.BIGINT)
                        .update();
            }
        }
    }
}
