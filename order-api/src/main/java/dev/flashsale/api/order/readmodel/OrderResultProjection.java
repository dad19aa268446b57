package dev.flashsale.api.order.readmodel;

import dev.flashsale.api.jdbc.Columns;
import dev.flashsale.api.kafka.ReadModelWriter;
import dev.flashsale.events.OrderResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the read model still takes from the processor's decisions on order lines: that the order exists and was
 * published, with the line. The order's status comes from the order aggregator ({@link OrderLifecycleProjection}),
 * which alone knows when every line of a cart is decided. Idempotent: a replayed result changes nothing. Two
 * statements a batch, whatever its size; rows are written in order ID order (see {@link OrderLifecycleProjection}).
 */
@Component
class OrderResultProjection implements ReadModelWriter<OrderResult> {

    // Inserts the order if the API never wrote it or deleted it (it crashed after publishing, or gave up waiting for
    // an acknowledgement that came late): an order the processor decides must be visible. The event was published,
    // hence TRUE; for a row the API wrote, this is where it is marked so, which keeps a request that gave up on its
    // acknowledgement from deleting an order that is in the log. A row the lifecycle projection restored first
    // carries the time of its first change; the request's time is earlier and is the order's.
    private static final String UPSERT_ORDERS = """
            INSERT INTO orders (order_id, customer_id, status, reason, idempotency_key, published, created_at,
                                updated_at)
            SELECT r.order_id, r.customer_id, 'PENDING', NULL, NULL, TRUE, r.requested_at, r.requested_at
              FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[]) AS r (order_id, customer_id, requested_at)
             ORDER BY r.order_id
            ON CONFLICT (order_id) DO UPDATE
               SET published = TRUE, created_at = LEAST(orders.created_at, EXCLUDED.created_at)
             WHERE NOT orders.published OR orders.created_at > EXCLUDED.created_at
            """;

    // Results carry no line number: a line missing from its order is added after those there, once per product. The
    // lines of one order are on one partition of the results topic, so one consumer numbers them. OFFSET 0 keeps the
    // check an index lookup per line (see OrderLifecycleProjection).
    private static final String INSERT_MISSING_LINES = """
            INSERT INTO order_lines (order_id, line_no, product_id, quantity)
            SELECT m.order_id,
                   (SELECT count(*) FROM order_lines e WHERE e.order_id = m.order_id)
                       + row_number() OVER (PARTITION BY m.order_id ORDER BY m.ordinal) - 1,
                   m.product_id, m.quantity
              FROM unnest(?::varchar[], ?::varchar[], ?::integer[]) WITH ORDINALITY
                   AS m (order_id, product_id, quantity, ordinal)
             WHERE NOT EXISTS (SELECT 1 FROM order_lines e
                                WHERE e.order_id = m.order_id AND e.product_id = m.product_id
                               OFFSET 0)
            ON CONFLICT DO NOTHING
            """;

    /** One line at a time, for the rebuild's requests ({@link OrderRequestProjection}), numbered as here. */
    static final String INSERT_LINE = """
            INSERT INTO order_lines (order_id, line_no, product_id, quantity)
            SELECT :orderId, (SELECT count(*) FROM order_lines WHERE order_id = :orderId), :productId, :quantity
            ON CONFLICT DO NOTHING
            """;

    private final JdbcClient jdbc;

    OrderResultProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<OrderResult> results) {
        // The earliest request time per order; the lines in the order they came.
        Map<String, OrderResult> firstPerOrder = new TreeMap<>();
        Columns lines = new Columns(results.size(), 3);
        for (OrderResult result : results) {
            firstPerOrder.merge(result.orderId().value(), result,
                    (kept, next) -> next.requestedAt().isBefore(kept.requestedAt()) ? next : kept);
            lines.add(result.orderId().value(), result.productId().value(), result.quantity());
        }
        if (firstPerOrder.isEmpty()) {
            return;
        }
        Columns orders = new Columns(firstPerOrder.size(), 3);
        firstPerOrder.values().forEach(result -> orders.add(result.orderId().value(), result.customerId().value(),
                result.requestedAt()));
        jdbc.sql(UPSERT_ORDERS).params(orders.arrays()).update();
        jdbc.sql(INSERT_MISSING_LINES).params(lines.arrays()).update();
    }
}
