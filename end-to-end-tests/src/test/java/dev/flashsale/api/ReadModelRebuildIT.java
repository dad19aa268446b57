package dev.flashsale.api;

import static dev.flashsale.api.KafkaTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flashsale.api.order.OrderService;
import dev.flashsale.api.order.PlaceOrder;
import dev.flashsale.api.order.PlacedOrder;
import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.api.rebuild.RebuildCommand;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * bin/rebuild-read-model's promise: the read model rebuilt from the topics alone has the same rows, in every column,
 * as the one the API and its listeners wrote live. Orders and restocks go through the live path with the real
 * inventory topology deciding; the rows are read, wiped, rebuilt by the rebuild mode of the API's own main, and read
 * again.
 */
// Statuses come from the order aggregator (flashsale.order-lifecycle), which must run beside the API.
@WholeOrderApiTest
@Import(InventoryProcessorBesideTheApi.class)
// A context and a broker of its own, which no other class asks for: the rebuild replays every record on the broker,
// so the broker must hold this class's alone.
@TestPropertySource(properties = "flashsale.test.context=read-model-rebuild")
// The test wipes and swaps the shared read model; no other test class may find this context's listeners afterwards.
@DirtiesContext
class ReadModelRebuildIT {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Autowired
    ProductCatalog catalog;

    @Autowired
    OrderService orders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void rebuildsEveryRowTheLiveApiWroteFromTheTopicsAlone() {
        // The test database outlives this broker: rows of other test classes have no events here.
        wipeReadModel();
        String phone = catalog.create("Rebuilt phone", 99_000, 3).id();
        String mug = catalog.create("Rebuilt mug", 1_500, 10).id();
        String unsold = catalog.create("Never ordered", 100, 5).id();
        List<String> placed = new ArrayList<>();
        placed.add(place("c-1", phone, 2, "checkout-1"));
        placed.add(place("c-2", phone, 2, null)); // rejected: 1 left
        placed.add(place("c-1", mug, 3, "checkout-2"));
        placed.add(place("c-3", mug, 1, "checkout-1")); // another buyer's key of the same name
        assertThat(place("c-1", phone, 2, "checkout-1")).as("a retry").isEqualTo(placed.get(0));
        awaitDecided(placed);
        catalog.replenish(phone, 4);
        await().atMost(SETTLE_TIMEOUT).until(() -> available(phone) == 5);
        placed.add(place("c-4", phone, 5, "checkout-9"));
        awaitDecided(placed);
        awaitStockVersionsOfTheLog(List.of(phone, mug, unsold));
        ReadModel live = readModel();
        assertThat(live.orders()).hasSize(5).anySatisfy(order -> assertThat(order.get("status")).isEqualTo("REJECTED"));
        assertThat(live.orders()).filteredOn(order -> order.get("idempotency_key") != null).hasSize(4)
                .allSatisfy(order -> assertThat(order.get("request_fingerprint")).isNotNull());
        assertThat(live.products()).hasSize(3);

        assertThatThrownBy(this::rebuild).as("refused while this API's listeners consume")
                .hasStackTraceContaining("Stop every order-api instance first");
        assertThat(readModel()).isEqualTo(live);

        stopListeners();
        try {
            wipeReadModel();
            rebuild();

            assertThat(readModel()).isEqualTo(live);
            assertThat(backupSchemas()).hasSize(1);

            rebuild();

            assertThat(readModel()).as("rebuilt again").isEqualTo(live);

            // A product created before ProductStocked carried its name and price cannot be restored from the log.
            sendProductStockedWithoutNameOrPrice();
            assertThatThrownBy(this::rebuild).hasStackTraceContaining("cannot restore the whole read model");
            assertThat(readModel()).as("the live read model, untouched").isEqualTo(live);
            rebuild("--" + RebuildCommand.ACCEPT_INCOMPLETE_PROPERTY + "=true");
            assertThat(readModel()).as("rebuilt without the product it cannot restore").isEqualTo(live);
        } finally {
            backupSchemas().forEach(schema -> jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update());
            startListeners();
        }
    }

    /**
     * Every row of the read model, every column, in a stable order; except the lines' positions, which the log does
     * not keep for carts (their lines are on the partitions of their products), so lines are compared by product.
     */
    private record ReadModel(List<Map<String, Object>> products, List<Map<String, Object>> orders,
            List<Map<String, Object>> lines, List<Map<String, Object>> transitions,
            List<Map<String, Object>> refusedCommands) {
    }

    private ReadModel readModel() {
        return new ReadModel(
                jdbc.sql("SELECT * FROM products ORDER BY id").query().listOfRows(),
                jdbc.sql("SELECT * FROM orders ORDER BY order_id").query().listOfRows(),
                jdbc.sql("SELECT order_id, product_id, quantity FROM order_lines ORDER BY order_id, product_id").query()
                        .listOfRows(),
                jdbc.sql("SELECT * FROM order_transitions ORDER BY order_id, status").query().listOfRows(),
                jdbc.sql("SELECT * FROM refused_commands ORDER BY command_id").query().listOfRows());
    }

    private void rebuild(String... options) {
        List<String> args = new ArrayList<>(List.of("--" + RebuildCommand.PROPERTY, "--" + TestDatabase.URL,
                "--" + TestDatabase.USER, "--" + TestDatabase.PASSWORD,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers));
        args.addAll(List.of(options));
        try (ConfigurableApplicationContext rebuild = RebuildCommand.run(args.toArray(String[]::new))) {
            assertThat(rebuild.isActive()).isTrue();
        }
    }

    private void sendProductStockedWithoutNameOrPrice() {
        String productId = "legacy-" + UUID.randomUUID();
        try (KafkaProducer<String, StockAdjustment> producer = KafkaTestSupport.producer(bootstrapServers,
                Topics.STOCK_ADJUSTMENTS)) {
            producer.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), productId,
                    new ProductStocked(UUID.randomUUID(), new ProductId(productId), 5, Instant.now()))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String place(String customer, String productId, int quantity, String idempotencyKey) {
        PlacedOrder placed = orders.place(new PlaceOrder(new CustomerId(customer), idempotencyKey,
                List.of(new PlaceOrder.Line(new ProductId(productId), quantity))));
        return placed.orderId().value();
    }

    private void awaitDecided(List<String> orderIds) {
        await().atMost(SETTLE_TIMEOUT).until(() -> jdbc.sql(
                "SELECT count(*) FROM orders WHERE order_id IN (:ids) AND status <> 'PENDING'")
                .param("ids", orderIds).query(Long.class).single() == orderIds.size());
    }

    /** Until the read model holds the newest stock level the processor published for each product. */
    private void awaitStockVersionsOfTheLog(List<String> productIds) {
        Map<String, Long> newest = new HashMap<>();
        await().atMost(SETTLE_TIMEOUT).untilAsserted(() -> {
            for (ConsumerRecord<String, StockLevel> record : readAll(bootstrapServers, Topics.STOCK_LEVELS)) {
                newest.merge(record.key(), record.value().version(), Math::max);
            }
            for (String productId : productIds) {
                assertThat(jdbc.sql("SELECT stock_version FROM products WHERE id = ?").param(productId)
                        .query(Long.class).single()).as("stock version of %s", productId)
                        .isEqualTo(newest.get(productId));
            }
        });
    }

    private int available(String productId) {
        return jdbc.sql("SELECT available FROM products WHERE id = ?").param(productId).query(Integer.class).single();
    }

    private List<String> backupSchemas() {
        return jdbc.sql("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'flashsale\\_before\\_rebuild\\_%'")
                .query(String.class).list();
    }

    private void wipeReadModel() {
        jdbc.sql("TRUNCATE products, orders, order_lines, order_transitions, refused_commands").update();
    }

    private void stopListeners() {
        context.getBeansOfType(MessageListenerContainer.class).values().forEach(MessageListenerContainer::stop);
    }

    private void startListeners() {
        context.getBeansOfType(MessageListenerContainer.class).values().forEach(MessageListenerContainer::start);
    }
}
