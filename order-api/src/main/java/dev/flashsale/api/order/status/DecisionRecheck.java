package dev.flashsale.api.order.status;

import dev.flashsale.events.OrderStatus;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code flashsale.long-poll.recheck-interval}, answers the requests waiting for orders that the read model shows
 * decided: decisions another instance consumed ({@link Waiters#recheck}); status streams are woken the same way by the
 * changes of orders that moved past what they have sent. Such an answer has the order's latest change only, so its
 * history may lack a step between PENDING and it, which the order's next read shows.
 */
@Component
class DecisionRecheck {

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
        waiters.recheck(this::decided);
    }

    private Map<String, Decision> decided(List<String> orderIds) {
        Map<String, Decision> decided = new HashMap<>();
        jdbc.query(DECIDED, Map.of("orderIds", orderIds), row -> {
            OffsetDateTime deadline = row.getObject("payment_deadline", OffsetDateTime.class);
            decided.put(row.getString("order_id"), new Decision(OrderStatus.valueOf(row.getString("status")),
                    row.getString("reason"), row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                    deadline == null ? null : deadline.toInstant(), row.getString("rejected_product_id"),
                    row.getString("payment_reference"), row.getObject("paid_amount", Long.class)));
        });
        return decided;
    }
}
