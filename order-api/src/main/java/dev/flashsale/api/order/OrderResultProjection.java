package dev.flashsale.api.order;

import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the processor's decisions on orders. Idempotent: a replayed result changes nothing, and a decided order
 * keeps its first decision.
 */
@Component
class OrderResultProjection implements ReadModelWriter<OrderResult> {

    // Inserts the order if the API never wrote it or deleted it (it crashed after publishing, or gave up waiting
    // for an acknowledgement that came late): a decided order must be visible. The event was published, hence TRUE.
    private static final String UPSERT_ORDER = """
            INSERT INTO orders (order_id, customer_id, status, reason, idempotency_key, published, created_at,
                                updated_at)
            VALUES (:orderId, :customerId, :status, :reason, NULL, TRUE, :requestedAt, :decidedAt)
            ON CONFLICT (order_id) DO UPDATE
               SET status = EXCLUDED.status, reason = EXCLUDED.reason, published = TRUE,
                   updated_at = EXCLUDED.updated_at
             WHERE orders.status = 'PENDING'
            """;

    // Results carry no line number; with one line per order it is always the first. Also the rebuild's insert of the
    // lines of requested orders (OrderRequestProjection), so both number them alike.
    static final String INSERT_LINE = """
            INSERT INTO order_lines (order_id, line_no, product_id, quantity)
            VALUES (:orderId, 0, :productId, :quantity)
            ON CONFLICT (order_id, line_no) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final DecisionWaiters waiters;

    OrderResultProjection(NamedParameterJdbcTemplate jdbc, DecisionWaiters waiters) {
        this.jdbc = jdbc;
        this.waiters = waiters;
    }

    @Override
    public void write(List<OrderResult> results) {
        SqlParameterSource[] rows = results.stream().map(OrderResultProjection::parameters)
                .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate(UPSERT_ORDER, rows);
        jdbc.batchUpdate(INSERT_LINE, rows);
        announceAfterCommit(results);
    }

    /** Long-polls are answered once the rows they would read again are committed, not before. */
    private void announceAfterCommit(List<OrderResult> results) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        for (OrderResult result : results) {
            decisions.putIfAbsent(result.orderId().value(), decision(result));
        }
        Runnable announce = () -> decisions.forEach(waiters::decided);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    announce.run();
                }
            });
        } else {
            announce.run();
        }
    }

    private static Decision decision(OrderResult result) {
        return result instanceof OrderRejected rejected
                ? new Decision(OrderStatus.REJECTED, rejected.reason().name(), result.occurredAt())
                : new Decision(OrderStatus.ACCEPTED, null, result.occurredAt());
    }

    private static SqlParameterSource parameters(OrderResult result) {
        OrderStatus status;
        String reason = null;
        if (result instanceof OrderAccepted) {
            status = OrderStatus.ACCEPTED;
        } else if (result instanceof OrderRejected rejected) {
            status = OrderStatus.REJECTED;
            reason = rejected.reason().name();
        } else {
            // Unreachable while OrderResult is sealed to these two; Java 17 cannot switch over it exhaustively.
            throw new IllegalStateException("unknown order result " + result.getClass());
        }
        return new MapSqlParameterSource()
                .addValue("orderId", result.orderId().value())
                .addValue("customerId", result.customerId().value())
                .addValue("status", status.name())
                .addValue("reason", reason)
                .addValue("requestedAt", result.requestedAt().atOffset(ZoneOffset.UTC))
                .addValue("decidedAt", result.occurredAt().atOffset(ZoneOffset.UTC))
                .addValue("productId", result.productId().value())
                .addValue("quantity", result.quantity());
    }
}
