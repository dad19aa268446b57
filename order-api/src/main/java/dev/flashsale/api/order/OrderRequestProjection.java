package dev.flashsale.api.order;

import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRequestEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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

    private final NamedParameterJdbcTemplate jdbc;
    private final IdempotencySettings idempotency;
    private final Clock clock;

    OrderRequestProjection(NamedParameterJdbcTemplate jdbc, IdempotencySettings idempotency, Clock clock) {
        this.jdbc = jdbc;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public void write(List<OrderRequestEvent> events) {
        // Keys the live API would have forgotten by now (IdempotencyKeyCleanup) are not brought back.
        Instant keysPlacedSince = clock.instant().minus(idempotency.retention());
        List<SqlParameterSource> rows = new ArrayList<>(events.size());
        for (OrderRequestEvent event : events) {
            if (event instanceof OrderLineRequested request) {
                rows.add(parameters(request, keysPlacedSince));
            }
        }
        SqlParameterSource[] batch = rows.toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate(INSERT_ORDER, batch);
        jdbc.batchUpdate(OrderResultProjection.INSERT_LINE, batch);
    }

    private static SqlParameterSource parameters(OrderLineRequested request, Instant keysPlacedSince) {
        String key = request.occurredAt().isBefore(keysPlacedSince) ? null : request.idempotencyKey();
        return new MapSqlParameterSource()
                .addValue("orderId", request.orderId().value())
                .addValue("customerId", request.customerId().value())
                .addValue("idempotencyKey", key)
                .addValue("fingerprint", key == null ? null : fingerprint(request, key))
                .addValue("requestedAt", request.occurredAt().atOffset(ZoneOffset.UTC))
                .addValue("productId", request.productId().value())
                .addValue("quantity", request.quantity());
    }

    /**
     * The fingerprint the live API stored, computed by the same code from the same request. It covers all of an
     * order's lines; an order is one line (OrderService.MAX_LINES), which the request carries whole.
     */
    private static String fingerprint(OrderLineRequested request, String key) {
        return new PlaceOrder(request.customerId(), key,
                List.of(new PlaceOrder.Line(request.productId(), request.quantity()))).fingerprint();
    }
}
