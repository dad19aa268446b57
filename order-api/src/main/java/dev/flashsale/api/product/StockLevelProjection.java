package dev.flashsale.api.product;

import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.events.StockLevel;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/** Keeps {@code products.available} at the newest stock level the processor reported. */
@Component
class StockLevelProjection implements ReadModelWriter<StockLevel> {

    // The version guard makes a replayed or reordered level a no-op instead of a step back in time.
    private static final String UPDATE = """
            UPDATE products
               SET available = :available, stock_version = :version, updated_at = :occurredAt
             WHERE id = :productId AND stock_version < :version
            """;

    private final NamedParameterJdbcTemplate jdbc;

    StockLevelProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<StockLevel> levels) {
        SqlParameterSource[] updates = newestPerProduct(levels).stream()
                .map(level -> new MapSqlParameterSource()
                        .addValue("productId", level.productId().value())
                        .addValue("available", level.available())
                        .addValue("version", level.version())
                        .addValue("occurredAt", level.occurredAt().atOffset(ZoneOffset.UTC)))
                .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate(UPDATE, updates);
    }

    /** A hot product changes many times per batch; only its last level matters. */
    private static Collection<StockLevel> newestPerProduct(List<StockLevel> levels) {
        Map<String, StockLevel> newest = new LinkedHashMap<>();
        for (StockLevel level : levels) {
            newest.merge(level.productId().value(), level,
                    (kept, candidate) -> candidate.version() > kept.version() ? candidate : kept);
        }
        return newest.values();
    }
}
