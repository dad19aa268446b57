package dev.flashsale.api.order.placing;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Component;

/**
 * Records new orders with their lines, for all requests in flight at once: one statement and one commit for
 * everything that queued while the previous statement ran (a group commit). Under a flash sale a request then pays
 * a share of one round trip and one WAL flush instead of its own, and PostgreSQL runs one statement per batch
 * instead of one per order.
 * <p>
 * A request's order is inserted unless an order with its ID or its customer's Idempotency-Key exists; which of the
 * two the caller learns from the answer, never from an exception, so a retry racing its first attempt costs no
 * failed batch. The rows of a batch are inserted in key order, so that two batches holding the same retried keys
 * wait for each other rather than deadlock.
 */
@Component
public class OrderInserts implements SmartLifecycle {

    /** A batch's statement carries at most this many orders; the rest wait for the next. */
    static final int MAX_BATCH = 256;
    /** Writers, each with its own connection: one collects the next batch while the other's statement runs. */
    static final int WRITERS = 2;
    static final int STATEMENT_TIMEOUT_SECONDS = 10;
    /** Started before the web server and stopped after it (lower phases start first and stop last). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    // ON CONFLICT without a target: a taken order ID and a taken (customer, Idempotency-Key) alike leave the row out
    // of RETURNING, and its lines are not written. A row that collides with one earlier in the same batch is left
    // out the same way.
    private static final String INSERT = """
            WITH placed AS (
                INSERT INTO orders (order_id, customer_id, status, idempotency_key, request_fingerprint, published,
                                    created_at, updated_at)
                SELECT o.order_id, o.customer_id, 'PENDING', o.idempotency_key, o.fingerprint, FALSE, o.created_at,
                       o.created_at
                  FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[])
                       AS o (order_id, customer_id, idempotency_key, fingerprint, created_at)
                ON CONFLICT DO NOTHING
                RETURNING order_id),
            lines AS (
                INSERT INTO order_lines (order_id, line_no, product_id, quantity)
                SELECT l.order_id, l.line_no, l.product_id, l.quantity
                  FROM unnest(?::varchar[], ?::integer[], ?::varchar[], ?::integer[])
                       AS l (order_id, line_no, product_id, quantity)
                  JOIN placed USING (order_id))
            SELECT order_id FROM placed
            """;

    private static final Comparator<Pending> KEY_ORDER = Comparator
            .comparing((Pending pending) -> pending.order().customerId().value())
            .thenComparing(pending -> pending.order().idempotencyKey(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(pending -> pending.order().orderId().value());

    private final JdbcClient jdbc;
    private final GroupCommits<Pending> batches = new GroupCommits<>("order-inserts", WRITERS, MAX_BATCH,
            TimeUnit.SECONDS.toMillis(STATEMENT_TIMEOUT_SECONDS + 5L), this::write,
            // write() completes every future; whatever else it threw fails the batch's requests.
            (batch, failure) -> batch.forEach(pending -> pending.inserted().completeExceptionally(failure)));

    OrderInserts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues the order for the next batch.
     *
     * @return completed with true once the order and its lines are committed, false if an order with its ID or its
     *         customer's Idempotency-Key exists already (nothing was written); completed exceptionally with the
     *         translated {@link org.springframework.dao.DataAccessException} if the database failed
     */
    public CompletableFuture<Boolean> insert(Order order) {
        Pending pending = new Pending(order, new CompletableFuture<>());
        batches.submit(pending);
        return pending.inserted();
    }

    private void write(List<Pending> batch) {
        try {
            Set<String> inserted = insertAll(batch);
            batch.forEach(pending -> pending.inserted().complete(inserted.contains(pending.order().orderId().value())));
        } catch (DataIntegrityViolationException e) {
            if (batch.size() == 1) {
                batch.get(0).inserted().completeExceptionally(e);
                return;
            }
            // A row the schema refuses fails its whole statement; alone, each order fails or passes on its own.
            batch.forEach(pending -> write(List.of(pending)));
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.inserted().completeExceptionally(e));
        }
    }

    private Set<String> insertAll(List<Pending> batch) {
        List<Pending> sorted = new ArrayList<>(batch);
        sorted.sort(KEY_ORDER);
        int orders = sorted.size();
        String[] orderIds = new String[orders];
        String[] customerIds = new String[orders];
        String[] keys = new String[orders];
        String[] fingerprints = new String[orders];
        String[] createdAt = new String[orders];
        List<String> lineOrderIds = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> productIds = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Order order = sorted.get(i).order();
            orderIds[i] = order.orderId().value();
            customerIds[i] = order.customerId().value();
            keys[i] = order.idempotencyKey();
            fingerprints[i] = order.requestFingerprint();
            // ISO-8601 at the instant's own precision: exact, where a timestamp array would need the driver's help.
            createdAt[i] = order.createdAt().toString();
            List<OrderLine> lines = order.lines();
            for (int line = 0; line < lines.size(); line++) {
                lineOrderIds.add(order.orderId().value());
                lineNumbers.add(line);
                productIds.add(lines.get(line).productId().value());
                quantities.add(lines.get(line).quantity());
            }
        }
        Set<String> inserted = new HashSet<>(orders * 2);
        jdbc.sql(INSERT)
                .withQueryTimeout(STATEMENT_TIMEOUT_SECONDS)
                .params(array("varchar", orderIds), array("varchar", customerIds), array("varchar", keys),
                        array("varchar", fingerprints), array("varchar", createdAt),
                        array("varchar", lineOrderIds.toArray()), array("integer", lineNumbers.toArray()),
                        array("varchar", productIds.toArray()), array("integer", quantities.toArray()))
                .query(row -> {
                    inserted.add(row.getString(1));
                });
        return inserted;
    }

    /** A typed SQL array, which only a connection can make: the statement's own makes it when binding it. */
    private static SqlTypeValue array(String type, Object[] values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName)
                    throws SQLException {
                return connection.createArrayOf(type, values);
            }
        };
    }

    @Override
    public void start() {
        batches.start();
    }

    @Override
    public void stop() {
        batches.stop();
    }

    @Override
    public boolean isRunning() {
        return batches.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private record Pending(Order order, CompletableFuture<Boolean> inserted) {
    }
}
