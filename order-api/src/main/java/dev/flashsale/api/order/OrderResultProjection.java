package dev.flashsale.api.order;

import dev.flashsale.events.OrderResult;
import dev.flashsale.api.kafka.ReadModelWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * What the read model still takes from the processor's decisions on order lines: that the order exists and was
 * published, with the line. The order's status comes from the order aggregator ({@link OrderLifecycleProjection}),
 * which alone knows when every line of a cart is decided. Idempotent: a replayed result changes nothing.
 */
@Component
class OrderResultProjection implements ReadModelWriter<OrderResult> {

    // Inserts the order if the API never wrote it or deleted it (it crashed after publishing, or gave up waiting for
    // an acknowledgement that came late): an order the processor decides must be visible. The event was published,
    // hence TRUE. A row the lifecycle projection restored first carries the time of its first change; the request's
    // time is earlier and is the order's.
    private static final String UPSERT_ORDER = """
            INSERT INTO orders (order_id, customer_id, status, reason, idempotency_key, published, created_at,
                                updated_at)
            VALUES (:orderId, :customerId, 'PENDING', NULL, NULL, TRUE, :requestedAt, :requestedAt)
            ON CONFLICT (order_id) DO UPDATE
               SET published = TRUE, created_at = LEAST(orders.created_at, EXCLUDED.created_at)
             WHERE NOT orders.published OR orders.created_at > EXCLUDED.created_at
            """;

    // Results carry no line number: a line missing from its order is added after those there, once per product. Also
    // the rebuild's insert of the lines of requested orders (OrderRequestProjection), so both number them alike. The
    // lines of one order are on one partition of the results topic, so one consumer numbers them, one at a time.
    static final String INSERT_LINE = """
            INSERT INTO order_lines (order_id, line_no, product_id, quantity)
            SELECT :orderId, (SELECT count(*) FROM order_lines WHERE order_id = :orderId), :productId, :quantity
            ON CONFLICT DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;

    OrderResultProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<OrderResult> results) {
        SqlParameterSource[] rows = results.stream().map(OrderResultProjection::parameters)
                .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate(UPSERT_ORDER, rows);
        jdbc.batchUpdate(INSERT_LINE, rows);
    }

    private static SqlParameterSource parameters(OrderResult result) {
        return new MapSqlParameterSource()
                .addValue("orderId", result.orderId().value())
                .addValue("customerId", result.customerId().value())
                .addValue("requestedAt", result.requestedAt().atOffset(ZoneOffset.UTC))
                .addValue("productId", result.productId().value())
                .addValue("quantity", result.quantity());
    }
}
