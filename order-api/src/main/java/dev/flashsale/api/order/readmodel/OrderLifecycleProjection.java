package dev.flashsale.api.order.readmodel;

import dev.flashsale.api.jdbc.Columns;
import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.api.order.CommandOutcome;
import dev.flashsale.api.order.status.CommandWaiters;
import dev.flashsale.api.order.status.Decision;
import dev.flashsale.api.order.status.DecisionWaiters;
import dev.flashsale.events.OrderCommandRefused;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the order aggregator's decisions on whole orders: their status, its history, and the answers to buyers'
 * commands. Idempotent and forward only: a change is applied if it moves the order to a later step of its lifecycle
 * ({@link OrderStatus#step()}), so a replayed or reordered change never moves an order back, a final status stays, and
 * a late ACCEPTED never overwrites PAID. Waiting requests are told once the rows are committed.
 * <p>
 * A batch costs three statements whatever its size: the orders' rows, their history and the refused commands, each
 * one multi-row statement. The changes of one order in a batch are folded into one row first, as applying them one
 * after another would leave it; rows are written in order ID order, so that this and the results projection, which
 * writes the same rows from another consumer, lock them in the same order and never deadlock.
 */
@Component
class OrderLifecycleProjection implements ReadModelWriter<OrderLifecycleEvent> {

    private static final String STEP = "CASE %s WHEN 'PENDING' THEN 0 WHEN 'ACCEPTED' THEN 1 ELSE 2 END";

    // Restores the order's row if the API deleted it although its request was delivered (the results projection then
    // adds its lines and its request time), as for results: a decided order must be visible.
    private static final String UPSERT_ORDERS = """
            INSERT INTO orders (order_id, customer_id, status, reason, idempotency_key, published, created_at,
                                updated_at, payment_deadline, rejected_product_id, payment_reference, paid_amount)
            SELECT c.order_id, c.customer_id, c.status, c.reason, NULL, TRUE, c.created_at, c.updated_at,
                   c.payment_deadline, c.rejected_product_id, c.payment_reference, c.paid_amount
              FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[],
                          ?::timestamptz[], ?::varchar[], ?::varchar[], ?::bigint[])
                   AS c (order_id, customer_id, status, reason, created_at, updated_at, payment_deadline,
                         rejected_product_id, payment_reference, paid_amount)
             ORDER BY c.order_id
            ON CONFLICT (order_id) DO UPDATE
               SET status = EXCLUDED.status, reason = COALESCE(EXCLUDED.reason, orders.reason), published = TRUE,
                   updated_at = EXCLUDED.updated_at,
                   payment_deadline = COALESCE(EXCLUDED.payment_deadline, orders.payment_deadline),
                   rejected_product_id = COALESCE(EXCLUDED.rejected_product_id, orders.rejected_product_id),
                   payment_reference = EXCLUDED.payment_reference, paid_amount = EXCLUDED.paid_amount
             WHERE %s < %s
            """.formatted(STEP.formatted("orders.status"), STEP.formatted("EXCLUDED.status"));

    // The same rule as the order's: recorded unless the order has reached this step or a later one already. OFFSET 0
    // keeps the check a lookup by order ID per row: as an anti-join over an array of unknown length the planner
    // chose to hash the whole table, read once per batch.
    private static final String INSERT_TRANSITIONS = """
            INSERT INTO order_transitions (order_id, status, occurred_at, reason, command_id)
            SELECT c.order_id, c.status, c.occurred_at, c.reason, c.command_id
              FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::uuid[])
                   AS c (order_id, status, occurred_at, reason, command_id)
             WHERE NOT EXISTS (SELECT 1 FROM order_transitions t
                                WHERE t.order_id = c.order_id AND %s >= %s
                               OFFSET 0)
             ORDER BY c.order_id
            ON CONFLICT (order_id, status) DO NOTHING
            """.formatted(STEP.formatted("t.status"), STEP.formatted("c.status"));

    private static final String INSERT_REFUSALS = """
            INSERT INTO refused_commands (command_id, order_id, command, current_status, occurred_at)
            SELECT r.command_id, r.order_id, r.command, r.current_status, r.occurred_at
              FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[])
                   AS r (command_id, order_id, command, current_status, occurred_at)
            ON CONFLICT (command_id) DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final DecisionWaiters orderWaiters;
    private final CommandWaiters commandWaiters;
    private final RecentOrders recentOrders;

    OrderLifecycleProjection(JdbcClient jdbc, DecisionWaiters orderWaiters, CommandWaiters commandWaiters,
            RecentOrders recentOrders) {
        this.jdbc = jdbc;
        this.orderWaiters = orderWaiters;
        this.commandWaiters = commandWaiters;
        this.recentOrders = recentOrders;
    }

    @Override
    public void write(List<OrderLifecycleEvent> events) {
        // Per order, in order ID order: the row as the batch's changes leave it, and the changes that reach a step
        // further than the ones before them in the batch (the statement's guard sees only what was there before).
        Map<String, OrderRow> rows = new TreeMap<>();
        List<OrderStatusChanged> changes = new ArrayList<>();
        List<OrderStatusChanged> transitions = new ArrayList<>();
        List<OrderCommandRefused> refusals = new ArrayList<>();
        Map<UUID, CommandOutcome> outcomes = new LinkedHashMap<>();
        for (OrderLifecycleEvent event : events) {
            if (event instanceof OrderStatusChanged change) {
                changes.add(change);
                String orderId = change.orderId().value();
                OrderRow before = rows.get(orderId);
                if (before == null || change.status().step() > before.status().step()) {
                    transitions.add(change);
                }
                rows.put(orderId, before == null ? OrderRow.of(change) : before.then(change));
                if (change.commandId() != null) {
                    outcomes.putIfAbsent(change.commandId(), CommandOutcome.applied(change.status()));
                }
            } else if (event instanceof OrderCommandRefused refused) {
                refusals.add(refused);
                outcomes.putIfAbsent(refused.commandId(), CommandOutcome.refused(refused.currentStatus()));
            }
        }
        if (!rows.isEmpty()) {
            upsertOrders(rows.values());
            insertTransitions(transitions);
        }
        if (!refusals.isEmpty()) {
            insertRefusals(refusals);
        }
        afterCommit(() -> {
            // Memory first, then the waiters: a request that registered, then read memory before this, is told.
            changes.forEach(change -> recentOrders.changed(change.orderId(), decision(change)));
            rows.forEach((orderId, row) -> orderWaiters.complete(orderId, row.decision()));
            outcomes.forEach(commandWaiters::complete);
        });
    }

    private void upsertOrders(Collection<OrderRow> rows) {
        Columns columns = new Columns(rows.size(), 10);
        for (OrderRow row : rows) {
            columns.add(row.orderId(), row.customerId(), row.status().name(), row.reason(), row.createdAt(),
                    row.updatedAt(), row.paymentDeadline(), row.rejectedProductId(), row.paymentReference(),
                    row.amount());
        }
        jdbc.sql(UPSERT_ORDERS).params(columns.arrays()).update();
    }

    private void insertTransitions(List<OrderStatusChanged> changes) {
        Columns columns = new Columns(changes.size(), 5);
        changes.stream().sorted(Comparator.comparing(change -> change.orderId().value())).forEach(change ->
                columns.add(change.orderId().value(), change.status().name(), change.occurredAt(),
                        change.reason() == null ? null : change.reason().name(), change.commandId()));
        jdbc.sql(INSERT_TRANSITIONS).params(columns.arrays()).update();
    }

    private void insertRefusals(List<OrderCommandRefused> refusals) {
        Columns columns = new Columns(refusals.size(), 5);
        for (OrderCommandRefused refused : refusals) {
            columns.add(refused.commandId(), refused.orderId().value(), refused.command().name(),
                    refused.currentStatus().name(), refused.occurredAt());
        }
        jdbc.sql(INSERT_REFUSALS).params(columns.arrays()).update();
    }

    static Decision decision(OrderStatusChanged change) {
        return new Decision(change.status(),
                change.reason() == null ? null : change.reason().name(), change.occurredAt(),
                change.paymentDeadline(), change.rejectedProductId(), change.paymentReference(), change.amount());
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

    /**
     * An order's row as a batch's changes leave it, applied one after another by the rule of {@link #UPSERT_ORDERS}:
     * a change to a later step takes over, keeping the reason, deadline and rejected product of the earlier ones
     * where it has none; the row, if new, was created by the first.
     */
    private record OrderRow(String orderId, String customerId, OrderStatus status, String reason, Instant createdAt,
            Instant updatedAt, Instant paymentDeadline, String rejectedProductId, String paymentReference,
            Long amount, Decision decision) {

        static OrderRow of(OrderStatusChanged change) {
            Decision decision = OrderLifecycleProjection.decision(change);
            return new OrderRow(change.orderId().value(), change.customerId().value(), change.status(),
                    decision.reason(), change.occurredAt(), change.occurredAt(), change.paymentDeadline(),
                    change.rejectedProductId() == null ? null : change.rejectedProductId().value(),
                    change.paymentReference(), change.amount(), decision);
        }

        OrderRow then(OrderStatusChanged change) {
            if (change.status().step() <= status.step()) {
                return this;
            }
            OrderRow next = of(change);
            return new OrderRow(orderId, customerId, next.status(), next.reason() != null ? next.reason() : reason,
                    createdAt, next.updatedAt(),
                    next.paymentDeadline() != null ? next.paymentDeadline() : paymentDeadline,
                    next.rejectedProductId() != null ? next.rejectedProductId() : rejectedProductId,
                    next.paymentReference(), next.amount(), next.decision());
        }
    }
}
