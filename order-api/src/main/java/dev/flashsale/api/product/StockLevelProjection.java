package dev.flashsale.api.product;

import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.events.StockLevel;
import dev.flashsale.api.jdbc.Columns;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps {@code products.available} at the newest stock level the processor reported. */
@Component
class StockLevelProjection implements ReadModelWriter<StockLevel> {

    // The version guard makes a replayed or reordered level a no-op instead of a step back in time. One statement
    // for a batch; products in ID order, so that concurrent batches lock their rows in the same order.
    private static final String UPDATE = """
            UPDATE products p
               SET available = l.available, stock_version = l.version, updated_at = l.occurred_at
              FROM (SELECT * FROM unnest(?::varchar[], ?::integer[], ?::bigint[], ?::timestamptz[])
                                  AS u (product_id, available, version, occurred_at)
                     ORDER BY u.product_id) l
             WHERE p.id = l.product_id AND p.stock_version < l.version
            """;

    private final JdbcClient jdbc;

    StockLevelProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<StockLevel> levels) {
        Collection<StockLevel> newest = newestPerProduct(levels);
        if (newest.isEmpty()) {
            return;
        }
        Columns columns = new Columns(newest.size(), 4);
        newest.forEach(level -> columns.add(level.productId().value(), level.available(), level.version(),
                level.occurredAt()));
        jdbc.sql(UPDATE).params(columns.arrays()).update();
    }

    /** A hot product changes many times per batch; only its last level matters. */
    private static Collection<StockLevel> newestPerProduct(List<StockLevel> levels) {
        Map<String, StockLevel> newest = new TreeMap<>();
        for (StockLevel level : levels) {
            newest.merge(level.productId().value(), level,
                    (kept, candidate) -> candidate.version() > kept.version() ? candidate : kept);
        }
        return newest.values();
    }
}
