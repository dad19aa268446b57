package dev.flashsale.api.order;

import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.events.OrderCommandRefused;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the order aggregator's decisions on whole orders: their status, its history, and the answers to buyers'
 * commands. Idempotent and forward only: a change is applied if it moves the order to a later step of its lifecycle
 * ({@link OrderStatus#step()}), so a replayed or reordered change never moves an order back, a final status stays, and
 * a late ACCEPTED never overwrites PAID. Waiting requests are told once the rows are committed.
 */
@Component
class OrderLifecycleProjection implements ReadModelWriter<OrderLifecycleEvent> {

    private static final String STEP = "CASE %s WHEN 'PENDING' THEN 0 WHEN 'ACCEPTED' THEN 1 ELSE 2 END";

    // Restores the order's row if the API deleted it although its request was delivered (the results projection then
    // adds its lines and its request time), as for results: a decided order must be visible.
    private static final String UPSERT_ORDER = """
            INSERT INTO orders (order_id, customer_id, status, reason, idempotency_key, published, created_at,
                                updated_at, payment_deadline, rejected_product_id, payment_reference, paid_amount)
            VALUES (:orderId, :customerId, :status, :reason, NULL, TRUE, :occurredAt, :occurredAt, :paymentDeadline,
                    :rejectedProductId, :paymentReference, :amount)
            ON CONFLICT (order_id) DO UPDATE
               SET status = EXCLUDED.status, reason = COALESCE(EXCLUDED.reason, orders.reason), published = TRUE,
                   updated_at = EXCLUDED.updated_at,
                   payment_deadline = COALESCE(EXCLUDED.payment_deadline, orders.payment_deadline),
                   rejected_product_id = COALESCE(EXCLUDED.rejected_product_id, orders.rejected_product_id),
                   payment_reference = EXCLUDED.payment_reference, paid_amount = EXCLUDED.paid_amount
             WHERE %s < %s
            """.formatted(STEP.formatted("orders.status"), STEP.formatted("EXCLUDED.status"));

    // The same rule as the order's: recorded unless the order has reached this step or a later one already.
    private static final String INSERT_TRANSITION = """
            INSERT INTO order_transitions (order_id, status, occurred_at, reason, command_id)
            SELECT :orderId, :status, :occurredAt, :reason, :commandId
             WHERE NOT EXISTS (SELECT 1 FROM order_transitions t
                                WHERE t.order_id = :orderId AND %s >= %s)
            ON CONFLICT (order_id, status) DO NOTHING
            """.formatted(STEP.formatted("t.status"), STEP.formatted("CAST(:status AS VARCHAR)"));

    private static final String INSERT_REFUSAL = """
            INSERT INTO refused_commands (command_id, order_id, command, current_status, occurred_at)
            VALUES (:commandId, :orderId, :command, :currentStatus, :occurredAt)
            ON CONFLICT (command_id) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final DecisionWaiters orderWaiters;
    private final CommandWaiters commandWaiters;

    OrderLifecycleProjection(NamedParameterJdbcTemplate jdbc, DecisionWaiters orderWaiters,
            CommandWaiters commandWaiters) {
        this.jdbc = jdbc;
        this.orderWaiters = orderWaiters;
        this.commandWaiters = commandWaiters;
    }

    @Override
    public void write(List<OrderLifecycleEvent> events) {
        List<SqlParameterSource> changes = new ArrayList<>();
        List<SqlParameterSource> refusals = new ArrayList<>();
        Map<String, Decision> decisions = new LinkedHashMap<>();
        Map<UUID, CommandOutcome> outcomes = new LinkedHashMap<>();
        for (OrderLifecycleEvent event : events) {
            if (event instanceof OrderStatusChanged change) {
                changes.add(parameters(change));
                Decision decision = decision(change);
                decisions.merge(change.orderId().value(), decision,
                        (earlier, later) -> later.status().step() > earlier.status().step() ? later : earlier);
                if (change.commandId() != null) {
                    outcomes.putIfAbsent(change.commandId(), CommandOutcome.applied(decision.status()));
                }
            } else if (event instanceof OrderCommandRefused refused) {
                refusals.add(parameters(refused));
                outcomes.putIfAbsent(refused.commandId(),
                        CommandOutcome.refused(refused.currentStatus()));
            }
        }
        SqlParameterSource[] changeRows = changes.toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate(UPSERT_ORDER, changeRows);
        jdbc.batchUpdate(INSERT_TRANSITION, changeRows);
        jdbc.batchUpdate(INSERT_REFUSAL, refusals.toArray(SqlParameterSource[]::new));
        afterCommit(() -> {
            decisions.forEach(orderWaiters::decided);
            outcomes.forEach(commandWaiters::answered);
        });
    }

    static Decision decision(OrderStatusChanged change) {
        return new Decision(change.status(),
                change.reason() == null ? null : change.reason().name(), change.occurredAt(),
                change.paymentDeadline(), change.rejectedProductId() == null ? null : change.rejectedProductId().value(),
                change.paymentReference(), change.amount());
    }

    /** Waiting requests are answered once the rows they would read again are committed, not before. */
    private static void afterCommit(Runnable announce) {
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

    private static SqlParameterSource parameters(OrderStatusChanged change) {
        return new MapSqlParameterSource()
                .addValue("orderId", change.orderId().value())
                .addValue("customerId", change.customerId().value())
                .addValue("status", change.status().name())
                .addValue("reason", change.reason() == null ? null : change.reason().name(), Types.VARCHAR)
                .addValue("occurredAt", timestamp(change.occurredAt()))
                .addValue("paymentDeadline", timestamp(change.paymentDeadline()), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("rejectedProductId",
                        change.rejectedProductId() == null ? null : change.rejectedProductId().value(), Types.VARCHAR)
                .addValue("paymentReference", change.paymentReference(), Types.VARCHAR)
                .addValue("amount", change.amount(), Types.BIGINT)
                .addValue("commandId", change.commandId(), Types.OTHER);
    }

    private static SqlParameterSource parameters(OrderCommandRefused refused) {
        return new MapSqlParameterSource()
                .addValue("commandId", refused.commandId(), Types.OTHER)
                .addValue("orderId", refused.orderId().value())
                .addValue("command", refused.command().name())
                .addValue("currentStatus", refused.currentStatus().name())
                .addValue("occurredAt", timestamp(refused.occurredAt()));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
