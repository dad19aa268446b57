package dev.flashsale.api.order;

import dev.flashsale.events.OrderStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With several API instances, an order's result may be consumed by another instance than the one holding its
 * long-poll (each instance reads some partitions of the results topic). So, every
 * {@code flashsale.long-poll.recheck-interval}, the waiting orders are looked up in the read model in one query per
 * {@value #CHUNK} orders, and those decided meanwhile are answered. Such an answer has the order's latest change
 * only, so its history may lack a step between PENDING and it, which the order's next read shows.
 */
@Component
class DecisionRecheck {

    static final int CHUNK = 1_000;

    private static final String DECIDED = """
            SELECT order_id, status, reason, updated_at, payment_deadline, rejected_product_id, payment_reference,
                   paid_amount FROM orders
             WHERE order_id IN (:orderIds) AND status <> 'PENDING'
            """;

    private final DecisionWaiters waiters;
    private final NamedParameterJdbcTemplate jdbc;

    DecisionRecheck(DecisionWaiters waiters, NamedParameterJdbcTemplate jdbc) {
        this.waiters = waiters;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${flashsale.long-poll.recheck-interval}")
    void recheck() {
        List<String> waiting = new ArrayList<>(waiters.waitingOrderIds());
        for (int from = 0; from < waiting.size(); from += CHUNK) {
            List<String> chunk = waiting.subList(from, Math.min(waiting.size(), from + CHUNK));
            jdbc.query(DECIDED, Map.of("orderIds", chunk), row -> {
                OffsetDateTime deadline = row.getObject("payment_deadline", OffsetDateTime.class);
                waiters.decided(row.getString("order_id"), new Decision(OrderStatus.valueOf(row.getString("status")),
                        row.getString("reason"), row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                        deadline == null ? null : deadline.toInstant(), row.getString("rejected_product_id"),
                        row.getString("payment_reference"), row.getObject("paid_amount", Long.class)));
            });
        }
    }
}
