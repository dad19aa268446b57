package dev.flashsale.api.order.placing;

import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.api.PostgresJdbcTest;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.events.ProductId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The group commit of new orders, on the real PostgreSQL, with its writer threads running: they commit on their own
 * connections, so these tests run outside a test transaction and use IDs of their own.
 */
@PostgresJdbcTest
// RequestOffsetWrites too, unused here, so that RequestOffsetWritesTest shares this context.
@Import({ OrderInserts.class, RequestOffsetWrites.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OrderInsertsTest {

    @Autowired
    OrderInserts inserts;

    @Autowired
    JdbcClient jdbc;

    private final CommittedOrders written = new CommittedOrders();

    @AfterEach
    void deleteTheOrdersWritten() {
        written.deleteAll(jdbc);
    }

    @Test
    void insertsEveryConcurrentOrderWithItsLines() {
        List<Order> placed = IntStream.range(0, 300)
                .mapToObj(i -> order(uniqueId("c"), "key-" + i, new OrderLine(new ProductId("p-1"), 1),
                        new OrderLine(new ProductId("p-2"), 3)))
                .toList();

        List<CompletableFuture<Boolean>> answers = placed.stream().map(inserts::insert).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.join()).isTrue());
        for (Order order : placed) {
            assertThat(jdbc.sql("""
                    SELECT customer_id, idempotency_key, request_fingerprint, status, published, created_at
                      FROM orders WHERE order_id = ?""").param(order.orderId().value())
                    .query((row, n) -> List.of(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), row.getBoolean(5), row.getObject(6, java.time.OffsetDateTime.class)
                                    .toInstant()))
                    .single()).containsExactly(order.customerId().value(), order.idempotencyKey(),
                            order.requestFingerprint(), "PENDING", false, CommittedOrders.PLACED_AT);
            assertThat(jdbc.sql("SELECT line_no, product_id, quantity FROM order_lines WHERE order_id = ? "
                    + "ORDER BY line_no").param(order.orderId().value())
                    .query((row, n) -> row.getInt(1) + ":" + row.getString(2) + ":" + row.getInt(3)).list())
                    .containsExactly("0:p-1:1", "1:p-2:3");
        }
    }

    @Test
    void placesOneOrderPerIdempotencyKeyWhenRetriesArriveTogether() {
        String customer = uniqueId("c");
        List<Order> retries = IntStream.range(0, 50)
                .mapToObj(i -> order(customer, "same-key", new OrderLine(new ProductId("p-" + i), 1)))
                .toList();

        List<Boolean> answers = retries.stream().map(inserts::insert).toList().stream()
                .map(CompletableFuture::join).toList();

        assertThat(answers).containsOnlyOnce(true);
        Order winner = retries.get(answers.indexOf(true));
        assertThat(jdbc.sql("SELECT order_id FROM orders WHERE customer_id = ?").param(customer)
                .query(String.class).list()).containsExactly(winner.orderId().value());
        assertThat(jdbc.sql("SELECT product_id FROM order_lines l JOIN orders o USING (order_id) "
                + "WHERE o.customer_id = ?").param(customer).query(String.class).list())
                .as("only the lines of the order placed").containsExactly(winner.lines().get(0).productId().value());
    }

    @Test
    void answersFalseAndWritesNothingForAKeyTakenBefore() {
        String customer = uniqueId("c");
        Order first = order(customer, "taken", new OrderLine(new ProductId("p-1"), 1));
        assertThat(inserts.insert(first).join()).isTrue();

        boolean inserted = inserts.insert(order(customer, "taken", new OrderLine(new ProductId("p-9"), 9))).join();

        assertThat(inserted).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM order_lines l JOIN orders o USING (order_id) "
                + "WHERE o.customer_id = ?").param(customer).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void neverConstrainsOrdersWithoutKey() {
        String customer = uniqueId("c");

        assertThat(inserts.insert(order(customer, null, new OrderLine(new ProductId("p-1"), 1))).join()).isTrue();
        assertThat(inserts.insert(order(customer, null, new OrderLine(new ProductId("p-1"), 1))).join()).isTrue();
    }

    @Test
    void failsOnlyTheOrderTheSchemaRefusesAndPlacesTheRestOfItsBatch() {
        List<Order> good = IntStream.range(0, 20)
                .mapToObj(i -> order(uniqueId("c"), null, new OrderLine(new ProductId("p"), 1)))
                .toList();
        // quantity outside the CHECK's 1..10,000
        Order refused = order(uniqueId("c"), null, new OrderLine(new ProductId("p"), 0));

        List<CompletableFuture<Boolean>> goodAnswers = good.stream().map(inserts::insert).toList();
        CompletableFuture<Boolean> refusedAnswer = inserts.insert(refused);

        assertThat(goodAnswers).allSatisfy(answer -> assertThat(answer.join()).isTrue());
        assertThatThrownBy(refusedAnswer::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE order_id = ?").param(refused.orderId().value())
                .query(Long.class).single()).isZero();
    }

    private Order order(String customerId, String idempotencyKey, OrderLine... lines) {
        return written.order(customerId, idempotencyKey, lines);
    }
}
