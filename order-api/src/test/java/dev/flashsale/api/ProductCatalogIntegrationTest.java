package dev.flashsale.api;

import static dev.flashsale.api.KafkaTestSupport.header;
import static dev.flashsale.api.TestEvents.stockLevel;
import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockReplenished;
import dev.flashsale.events.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The catalog on the whole API, a real broker and PostgreSQL: what creating and restocking a product publishes, and
 * how the stock levels the processor writes are shown and close and reopen the sale. The processor's part is played by
 * records the test writes itself.
 */
@WholeOrderApiTest
class ProductCatalogIntegrationTest extends OrderApiIntegrationSupport {

    @Autowired
    ProductCatalog catalog;

    @Test
    void creatingProductPublishesProductStockedKeyedByItsId() {
        String productId = createProduct("Flash phone", 99_000, 100);

        List<ConsumerRecord<String, StockAdjustment>> published = recordsWithKey(Topics.STOCK_ADJUSTMENTS,
                productId);

        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.value()).isInstanceOfSatisfying(ProductStocked.class, stocked -> {
                assertThat(stocked.productId().value()).isEqualTo(productId);
                assertThat(stocked.initialUnits()).isEqualTo(100);
            });
            assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("ProductStocked");
            assertThat(header(record, EventHeaders.SCHEMA_VERSION)).isEqualTo("1");
            assertThat(header(record, EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        });
        assertThat(mvc.get().uri("/api/products/{id}", productId)).hasStatusOk()
                .bodyJson().extractingPath("$.available").isEqualTo(100);
    }

    @Test
    void replenishingPublishesStockReplenished() {
        String productId = createProduct("Restocked", 10, 1);

        assertThat(mvc.post().uri("/api/products/{id}/stock", productId).header(HttpHeaders.AUTHORIZATION, ADMIN)
                .contentType(MediaType.APPLICATION_JSON).content("{\"delta\": 50}")).hasStatus(HttpStatus.ACCEPTED);

        assertThat(recordsWithKey(Topics.STOCK_ADJUSTMENTS, productId))
                .extracting(ConsumerRecord::value)
                .last().isInstanceOfSatisfying(StockReplenished.class,
                        replenished -> assertThat(replenished.delta()).isEqualTo(50));
    }

    @Test
    void stockLevelsUpdateAvailableUnitsAndNeverGoBack() {
        String productId = createProduct("Phone", 99_000, 10);

        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 7, 3));
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 9, 2));
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 6, 4));

        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(mvc.get()
                .uri("/api/products/{id}", productId)).bodyJson().extractingPath("$.available").isEqualTo(6));
    }

    @Test
    void soldOutProductIsRefusedAtOnceWithoutAnEventOrAnOrder() {
        String productId = createProduct("Gone", 99_000, 10);
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 0, 7));
        String customerId = uniqueId("c");
        await().atMost(PROJECTION_TIMEOUT).until(() -> catalog.isSoldOut(new ProductId(productId)));

        MvcTestResult result = placeOrder(customerId, productId, 1, "key-1");

        assertThat(result).hasStatus(HttpStatus.CONFLICT)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.code").isEqualTo("SOLD_OUT");
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void retryOfAnOrderPlacedBeforeTheSellOutGetsItsOrderNotARefusal() {
        String productId = createProduct("Last one", 99_000, 1);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, "key-before"));
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 0, 7));
        await().atMost(PROJECTION_TIMEOUT).until(() -> catalog.isSoldOut(new ProductId(productId)));

        MvcTestResult retried = placeOrder(customerId, productId, 1, "key-before");

        assertThat(orderId(retried)).isEqualTo(orderId);
        assertThat(placeOrder(uniqueId("c"), productId, 1, "key-before")).as("another buyer's key is not it")
                .hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void restockReopensTheSaleOnceItsStockLevelArrives() {
        String productId = createProduct("Back again", 99_000, 0);
        String customerId = uniqueId("c");
        assertThat(placeOrder(customerId, productId, 1, null)).hasStatus(HttpStatus.CONFLICT);

        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 3, 1));

        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(placeOrder(customerId, productId, 1, "k"))
                .hasStatus(HttpStatus.ACCEPTED));
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).hasSize(1);
    }

    @Test
    void olderStockLevelDoesNotCloseTheSaleAgain() {
        String productId = createProduct("Flickering", 99_000, 0);
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 5, 3));
        await().atMost(PROJECTION_TIMEOUT).until(() -> !catalog.isSoldOut(new ProductId(productId)));

        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 0, 2));
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 4, 4));

        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(mvc.get()
                .uri("/api/products/{id}", productId)).bodyJson().extractingPath("$.available").isEqualTo(4));
        assertThat(catalog.isSoldOut(new ProductId(productId))).isFalse();
    }
}
