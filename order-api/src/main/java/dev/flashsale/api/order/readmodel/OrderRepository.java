package dev.flashsale.api.order.readmodel;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.api.order.RequestOffset;
import dev.flashsale.api.order.status.StatusReached;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The orders table, in hand-written SQL: every statement on the submit and status path is one round trip with a
 * fixed text the driver prepares once. The profile of a flash sale put Spring Data JDBC's per-call SQL rendering and
 * mapping ahead of everything else the order API did (docs/benchmarks.md, "Where the time goes").
 */
@Repository
public class OrderRepository {

    // One statement for the order and its lines: atomic without a transaction, and a duplicate Idempotency-Key fails
    // it as a whole (DuplicateKeyException) before any line is written.
    private static final String INSERT = """
            WITH placed AS (
                INSERT INTO orders (order_id, customer_id, status, reason, idempotency_key, request_fingerprint,
                                    published, created_at, updated_at)
                VALUES (:orderId, :customerId, :status, :reason, :idempotencyKey, :fingerprint, :published,
                        :createdAt, :updatedAt)
                RETURNING order_id)
            INSERT INTO order_lines (order_id, line_no, product_id, quantity)
            SELECT placed.order_id, line.line_no - 1, line.product_id, line.quantity
              FROM placed, unnest(CAST(:productIds AS VARCHAR[]), CAST(:quantities AS INTEGER[]))
                           WITH ORDINALITY AS line (product_id, quantity, line_no)
            """;

    // The lines come with their product's price, for the total; the history, which is short, as two arrays in the
    // order's first row, so that one round trip still reads a whole order.
    private static final String SELECT = """
            SELECT o.order_id, o.customer_id, o.status, o.reason, o.idempotency_key, o.request_fingerprint,
                   o.published, o.created_at, o.updated_at, o.payment_deadline, o.rejected_product_id,
                   o.payment_reference, o.paid_amount,
                   ARRAY(SELECT t.status FROM order_transitions t WHERE t.order_id = o.order_id
                          ORDER BY t.occurred_at, t.status) AS reached,
                   ARRAY(SELECT t.occurred_at FROM order_transitions t WHERE t.order_id = o.order_id
                          ORDER BY t.occurred_at, t.status) AS reached_at,
                   l.product_id, l.quantity, l.request_partition, l.request_offset, p.price
              FROM orders o LEFT JOIN order_lines l ON l.order_id = o.order_id
                            LEFT JOIN products p ON p.id = l.product_id
            """;

    private static final ResultSetExtractor<List<Order>> ORDERS = OrderRepository::orders;

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the order or its customer's key exists already */
    public Order insert(Order order) {
        jdbc.sql(INSERT)
                .param("orderId", order.orderId().value())
                .param("customerId", order.customerId().value())
                .param("status", order.status().name())
                .param("reason", order.reason())
                .param("idempotencyKey", order.idempotencyKey())
                .param("fingerprint", order.requestFingerprint())
                .param("published", order.published())
                .param("createdAt", timestamp(order.createdAt()))
                .param("updatedAt", timestamp(order.updatedAt()))
                .param("productIds", order.lines().stream().map(line -> line.productId().value())
                        .toArray(String[]::new))
                .param("quantities", order.lines().stream().mapToInt(OrderLine::quantity).boxed()
                        .toArray(Integer[]::new))
                .update();
        return order;
    }

    /** @param orderId as the buyer sent it, which need not be a valid {@link OrderId}: such an order is not found */
    public Optional<Order> findById(String orderId) {
        return one(jdbc.sql(SELECT + " WHERE o.order_id = :orderId ORDER BY l.line_no")
                .param("orderId", orderId)
                .query(ORDERS));
    }

    public Optional<Order> findByCustomerIdAndIdempotencyKey(CustomerId customerId, String idempotencyKey) {
        return one(jdbc.sql(SELECT + " WHERE o.customer_id = :customerId AND o.idempotency_key = :key"
                        + " ORDER BY l.line_no")
                .param("customerId", customerId.value())
                .param("key", idempotencyKey)
                .query(ORDERS));
    }

    /**
     * Up to {@code limit} PENDING orders placed before {@code cutoff} whose event Kafka never acknowledged, oldest
     * first, locked until the caller's transaction ends; rows another transaction holds are skipped.
     */
    public List<Order> lockUnpublishedPlacedBefore(Instant cutoff, int limit) {
        // Served by the partial index orders_unpublished: only the few rows not marked yet are read.
        return jdbc.sql(SELECT + """
                         WHERE o.order_id IN (SELECT order_id FROM orders
                                               WHERE NOT published AND created_at < :cutoff AND status = 'PENDING'
                                               ORDER BY created_at
                                               LIMIT :limit
                                                 FOR UPDATE SKIP LOCKED)
                         ORDER BY o.created_at, o.order_id, l.line_no
                        """)
                .param("cutoff", timestamp(cutoff))
                .param("limit", limit)
                .query(ORDERS);
    }

    public boolean markPublished(OrderId orderId) {
        return jdbc.sql("UPDATE orders SET published = TRUE WHERE order_id = :orderId")
                .param("orderId", orderId.value())
                .update() > 0;
    }

    public void markPublished(List<OrderId> orderIds) {
        jdbc.sql("UPDATE orders SET published = TRUE WHERE order_id IN (:orderIds)")
                .param("orderIds", orderIds.stream().map(OrderId::value).toList())
                .update();
    }

    /** Removes an order whose event Kafka never acknowledged, unless a result or a twin request got there first. */
    public boolean deleteIfUnpublished(OrderId orderId) {
        return jdbc.sql("DELETE FROM orders WHERE order_id = :orderId AND status = 'PENDING' AND NOT published")
                .param("orderId", orderId.value())
                .update() > 0;
    }

    /** Ends the retention of the keys of orders placed before the cutoff; returns how many were forgotten. */
    public int forgetIdempotencyKeysPlacedBefore(Instant cutoff) {
        return jdbc.sql("""
                        UPDATE orders SET idempotency_key = NULL, request_fingerprint = NULL
                         WHERE idempotency_key IS NOT NULL AND created_at < :cutoff
                        """)
                .param("cutoff", timestamp(cutoff))
                .update();
    }

    /** The orders of a joined result set, in row order; each order's lines are its consecutive rows. */
    private static List<Order> orders(ResultSet rows) throws SQLException {
        List<Order> orders = new ArrayList<>();
        Order current = null;
        List<OrderLine> lines = new ArrayList<>();
        long total = 0;
        while (rows.next()) {
            String orderId = rows.getString("order_id");
            if (current == null || !current.orderId().value().equals(orderId)) {
                if (current != null) {
                    orders.add(complete(current, lines, total));
                    lines = new ArrayList<>();
                    total = 0;
                }
                current = order(rows);
            }
            String productId = rows.getString("product_id");
            if (productId != null) {
                int quantity = rows.getInt("quantity");
                long offset = rows.getLong("request_offset");
                lines.add(new OrderLine(new ProductId(productId), quantity, rows.wasNull() ? null
                        : new RequestOffset(rows.getInt("request_partition"), offset)));
                // A product the catalog lacks (a rebuild from a log that lost it) costs nothing rather than failing.
                total += quantity * rows.getLong("price");
            }
        }
        if (current != null) {
            orders.add(complete(current, lines, total));
        }
        return orders;
    }

    private static Order order(ResultSet rows) throws SQLException {
        Instant createdAt = instant(rows, "created_at");
        List<StatusReached> history = new ArrayList<>();
        history.add(new StatusReached(OrderStatus.PENDING, createdAt));
        String[] reached = (String[]) rows.getArray("reached").getArray();
        Object[] reachedAt = (Object[]) rows.getArray("reached_at").getArray();
        for (int i = 0; i < reached.length; i++) {
            history.add(new StatusReached(OrderStatus.valueOf(reached[i]), toInstant(reachedAt[i])));
        }
        String rejectedProductId = rows.getString("rejected_product_id");
        return new Order(new OrderId(rows.getString("order_id")), new CustomerId(rows.getString("customer_id")),
                OrderStatus.valueOf(rows.getString("status")), rows.getString("reason"),
                rows.getString("idempotency_key"), rows.getString("request_fingerprint"), rows.getBoolean("published"),
                createdAt, instant(rows, "updated_at"), List.of(), 0, nullableInstant(rows, "payment_deadline"),
                rejectedProductId == null ? null : new ProductId(rejectedProductId),
                rows.getString("payment_reference"), rows.getObject("paid_amount", Long.class), history);
    }

    private static Order complete(Order order, List<OrderLine> lines, long total) {
        return new Order(order.orderId(), order.customerId(), order.status(), order.reason(), order.idempotencyKey(),
                order.requestFingerprint(), order.published(), order.createdAt(), order.updatedAt(), lines, total,
                order.paymentDeadline(), order.rejectedProductId(), order.paymentReference(), order.paidAmount(),
                order.history());
    }

    private static Instant toInstant(Object timestamp) {
        // The driver hands timestamptz array elements over as java.sql.Timestamp.
        return timestamp instanceof Timestamp sql ? sql.toInstant() : ((OffsetDateTime) timestamp).toInstant();
    }

    private static Instant nullableInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Optional<Order> one(List<Order> orders) {
        return orders.stream().findFirst();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
