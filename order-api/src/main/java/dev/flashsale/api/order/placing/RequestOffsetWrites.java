package dev.flashsale.api.order.placing;

import dev.flashsale.api.jdbc.Columns;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.events.OrderId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes where Kafka acknowledged each order line's request to its row, so that every API instance can tell the
 * buyer their place in line. Off the request path, which only hands the lines over: one statement and one commit for
 * everything acknowledged while the previous one ran, as {@link OrderInserts} does for the orders. A write lost to a
 * crash or a failing database costs the order its place in line on other instances, nothing else.
 */
@Component
public class RequestOffsetWrites implements SmartLifecycle {

    static final int MAX_BATCH = 1024;

    private static final Logger log = LoggerFactory.getLogger(RequestOffsetWrites.class);

    // A row the order's withdrawal deleted meanwhile is simply not found.
    private static final String UPDATE = """
            UPDATE order_lines l SET request_partition = r.request_partition, request_offset = r.request_offset
              FROM unnest(?::varchar[], ?::varchar[], ?::integer[], ?::bigint[])
                   AS r (order_id, product_id, request_partition, request_offset)
             WHERE l.order_id = r.order_id AND l.product_id = r.product_id
            """;

    private final JdbcClient jdbc;
    private final GroupCommits<Row> batches = new GroupCommits<>("request-offset-writes", 1, MAX_BATCH,
            TimeUnit.SECONDS.toMillis(15), this::write, (batch, failure) -> {
            });

    RequestOffsetWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues the offsets of the order's acknowledged lines for the next batch. */
    public void written(Order order) {
        for (OrderLine line : order.lines()) {
            if (line.requested() != null) {
                batches.submit(new Row(order.orderId(), line));
            }
        }
    }

    private void write(List<Row> batch) {
        Columns rows = new Columns(batch.size(), 4);
        batch.forEach(row -> rows.add(row.orderId().value(), row.line().productId().value(),
                row.line().requested().partition(), row.line().requested().offset()));
        try {
            jdbc.sql(UPDATE).params(rows.arrays()).update();
        } catch (RuntimeException e) {
            log.warn("Could not record the request offsets of {} order lines: {}", batch.size(), e.toString());
        }
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
        // As the order inserts: running before the web server takes requests and after it stops.
        return OrderInserts.PHASE;
    }

    private record Row(OrderId orderId, OrderLine line) {
    }
}
