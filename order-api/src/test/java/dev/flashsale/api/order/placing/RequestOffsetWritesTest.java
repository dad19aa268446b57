package dev.flashsale.api.order.placing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.api.PostgresJdbcTest;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.api.order.RequestOffset;
import dev.flashsale.events.ProductId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request offsets written to the orders' lines off the request path, on the real PostgreSQL, with the writer
 * thread running on its own connection: outside a test transaction, with IDs of their own.
 */
@PostgresJdbcTest
@Import({ OrderInserts.class, RequestOffsetWrites.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RequestOffsetWritesTest {

    @Autowired
    OrderInserts inserts;

    @Autowired
    RequestOffsetWrites offsets;

    @Autowired
    JdbcClient jdbc;

    private final CommittedOrders written = new CommittedOrders();

    @AfterEach
    void deleteTheOrdersWritten() {
        written.deleteAll(jdbc);
    }

    @Test
    void writesTheOffsetOfEveryAcknowledgedLineOfManyOrders() {
        List<Order> acknowledged = IntStream.range(0, 200)
                .mapToObj(i -> order(new OrderLine(new ProductId("p-1"), 1, new RequestOffset(1, 2L * i)),
                        new OrderLine(new ProductId("p-2"), 2, new RequestOffset(4, 2L * i + 1))))
                .toList();
        acknowledged.forEach(order -> inserts.insert(order).join());

        acknowledged.forEach(offsets::written);

        await().atMost(Duration.ofSeconds(20)).until(() -> stored().size() == 2 * acknowledged.size());
        Map<String, RequestOffset> stored = stored();
        for (Order order : acknowledged) {
            for (OrderLine line : order.lines()) {
                assertThat(stored).containsEntry(order.orderId().value() + "/" + line.productId().value(),
                        line.requested());
            }
        }
    }

    @Test
    void leavesALineNotAcknowledgedWithoutOffset() {
        Order order = order(new OrderLine(new ProductId("p-1"), 1, new RequestOffset(0, 7)),
                new OrderLine(new ProductId("p-2"), 1));
        inserts.insert(order).join();

        offsets.written(order);

        await().atMost(Duration.ofSeconds(20)).until(() -> !stored().isEmpty());
        assertThat(stored()).containsOnlyKeys(order.orderId().value() + "/p-1");
    }

    private Map<String, RequestOffset> stored() {
        return jdbc.sql("""
                        SELECT order_id, product_id, request_partition, request_offset FROM order_lines
                         WHERE order_id IN (:ids) AND request_offset IS NOT NULL
                        """)
                .param("ids", written.ids())
                .query((row, n) -> Map.entry(row.getString("order_id") + "/" + row.getString("product_id"),
                        new RequestOffset(row.getInt("request_partition"), row.getLong("request_offset"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Order order(OrderLine... lines) {
        return written.order("c-" + UUID.randomUUID(), null, lines);
    }
}
