package dev.flashsale.api.order.readmodel;

import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.api.order.PlaceOrder;
import dev.flashsale.api.order.maintenance.IdempotencySettings;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.ProductId;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Orders as their requests describe them, for a rebuild of the read model from the log only: the live API writes the
 * order row itself before it publishes the request, and does not read the requests topic. Replayed before the results,
 * whose projection then decides the rows exactly as it does live. Idempotent: a re-sent request (same order ID) finds
 * its order and changes nothing.
 */
@Component
class OrderRequestProjection implements ReadModelWriter<OrderRequestEvent> {

    // Every request in the log was acknowledged by Kafka, hence published. PENDING until its result is replayed.
    private static final String INSERT_ORDER = """
            INSERT INTO orders (order_id, customer_id, status, reason, idempotency_key, request_fingerprint,
                                published, created_at, updated_at)
            VALUES (:orderId, :customerId, 'PENDING', NULL, :idempotencyKey, :fingerprint, TRUE, :requestedAt,
                    :requestedAt)
            ON CONFLICT (order_id) DO NOTHING
            """;

    private static final String LINES = """
            SELECT o.order_id, o.customer_id, o.idempotency_key, l.product_id, l.quantity
              FROM orders o JOIN order_lines l ON l.order_id = o.order_id
             WHERE o.order_id IN (:orderIds) AND o.idempotency_key IS NOT NULL
            """;

    private static final String FINGERPRINT = """
            UPDATE orders SET request_fingerprint = :fingerprint WHERE order_id = :orderId
            """;

    private final JdbcClient jdbc;
    // JdbcClient has no batch update, and these statements go as JDBC batches: one round trip for all their rows.
    private final NamedParameterJdbcTemplate batches;
    private final IdempotencySettings idempotency;
    private final Clock clock;

    OrderRequestProjection(JdbcClient jdbc, NamedParameterJdbcTemplate batches, IdempotencySettings idempotency,
            Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public void write(List<OrderRequestEvent> events) {
        // Keys the live API would have forgotten by now (IdempotencyKeyCleanup) are not brought back.
        Instant keysPlacedSince = clock.instant().minus(idempotency.retention());
        List<SqlParameterSource> rows = new ArrayList<>(events.size());
        Map<String, Integer> keyedCarts = new HashMap<>();
        // UnitsReleased, the aggregator's releases on the same topic, say nothing the read model keeps.
        for (OrderRequestEvent event : events) {
            if (event instanceof OrderLineRequested request) {
                SqlParameterSource row = parameters(request, keysPlacedSince);
                rows.add(row);
                if (row.getValue("idempotencyKey") != null) {
                    keyedCarts.put(request.orderId().value(), request.lines());
                }
            }
        }
        SqlParameterSource[] batch = rows.toArray(SqlParameterSource[]::new);
        batches.batchUpdate(INSERT_ORDER, batch);
        batches.batchUpdate(OrderResultProjection.INSERT_LINE, batch);
        fingerprintCompleteCarts(keyedCarts);
    }

    /**
     * The fingerprint covers all of an order's lines, which arrive on the partitions of their products, in any order
     * and any batch: it is computed, by the same code the live API uses, once the last of them is in.
     */
    private void fingerprintCompleteCarts(Map<String, Integer> lineCounts) {
        if (lineCounts.isEmpty()) {
            return;
        }
        Map<String, List<PlaceOrder.Line>> lines = new HashMap<>();
        Map<String, String[]> buyers = new HashMap<>();
        jdbc.sql(LINES).param("orderIds", List.copyOf(lineCounts.keySet())).query(row -> {
            String orderId = row.getString("order_id");
            buyers.put(orderId, new String[] { row.getString("customer_id"), row.getString("idempotency_key") });
            lines.computeIfAbsent(orderId, id -> new ArrayList<>()).add(
                    new PlaceOrder.Line(new ProductId(row.getString("product_id")), row.getInt("quantity")));
        });
        List<SqlParameterSource> updates = new ArrayList<>();
        lines.forEach((orderId, found) -> {
            if (found.size() == lineCounts.get(orderId)) {
                String[] buyer = buyers.get(orderId);
                updates.add(new MapSqlParameterSource()
                        .addValue("orderId", orderId)
                        .addValue("fingerprint",
                                new PlaceOrder(new CustomerId(buyer[0]), buyer[1], found).fingerprint()));
            }
        });
        batches.batchUpdate(FINGERPRINT, updates.toArray(SqlParameterSource[]::new));
    }

    private static SqlParameterSource parameters(OrderLineRequested request, Instant keysPlacedSince) {
        String key = request.occurredAt().isBefore(keysPlacedSince) ? null : request.idempotencyKey();
        // The fingerprint is set once the order's lines are all in (fingerprintCompleteCarts); until then NULL.
        return new MapSqlParameterSource()
                .addValue("orderId", request.orderId().value())
                .addValue("customerId", request.customerId().value())
                .addValue("idempotencyKey", key, Types.VARCHAR)
                .addValue("fingerprint", null, Types.CHAR)
                .addValue("requestedAt", request.occurredAt().atOffset(ZoneOffset.UTC))
                .addValue("productId", request.productId().value())
                .addValue("quantity", request.quantity());
    }
}
