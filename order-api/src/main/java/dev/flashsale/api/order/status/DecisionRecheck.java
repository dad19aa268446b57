package dev.flashsale.api.order.status;

import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers the requests waiting for orders that the read model shows decided; status streams are woken the same way by
 * the changes of orders that moved past what they have sent. Such an answer has the order's latest change only, so its
 * history may lack a step between PENDING and it, which the order's next read shows.
 */
@Component
class DecisionRecheck extends Recheck<String, Decision> {

    private static final String DECIDED = """
            SELECT order_id, status, reason, updated_at, payment_deadline, rejected_product_id, payment_reference,
                   paid_amount FROM orders
             WHERE order_id IN (:orderIds) AND status <> 'PENDING'
            """;

    DecisionRecheck(DecisionWaiters waiters, JdbcClient jdbc) {
        super(waiters, jdbc, DECIDED, "orderIds");
    }

    @Override
    String key(ResultSet row) throws SQLException {
        return row.getString("order_id");
    }

    @Override
    Decision answer(ResultSet row) throws SQLException {
        OffsetDateTime deadline = row.getObject("payment_deadline", OffsetDateTime.class);
        String rejectedProductId = row.getString("rejected_product_id");
        return new Decision(OrderStatus.valueOf(row.getString("status")), row.getString("reason"),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                deadline == null ? null : deadline.toInstant(),
                rejectedProductId == null ? null : new ProductId(rejectedProductId),
                row.getString("payment_reference"), row.getObject("paid_amount", Long.class));
    }
}
