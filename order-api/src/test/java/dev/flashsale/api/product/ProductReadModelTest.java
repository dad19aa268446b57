package dev.flashsale.api.product;

import static dev.flashsale.api.TestEvents.stockLevel;
import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.PostgresJdbcTest;
import dev.flashsale.events.PaymentWindowSet;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.PurchaseLimitSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The products table and the SQL that projects stock levels into it, on the real PostgreSQL. */
@PostgresJdbcTest
@Import({ StockLevelProjection.class, ProductStockedProjection.class })
class ProductReadModelTest {

    private static final Instant CREATED_AT = Instant.parse("2025-11-26T21:00:00Z");

    @Autowired
    ProductRepository products;

    @Autowired
    StockLevelProjection projection;

    @Autowired
    ProductStockedProjection stocked;

    @Autowired
    JdbcClient jdbc;

    @Test
    void storesNewProductAtVersionZero() {
        Product product = Product.stocked("Phone", 99_000, 100, null, null, CREATED_AT);

        products.insert(product);

        assertThat(products.findById(product.id())).contains(product);
        assertThat(product.stockVersion()).isZero();
    }

    @Test
    void storesSetsAndRemovesThePurchaseLimit() {
        Product product = products.insert(Product.stocked("Sneaker", 12_000, 10, 2, null, CREATED_AT));
        assertThat(products.findById(product.id())).hasValueSatisfying(
                stored -> assertThat(stored.maxPerCustomer()).isEqualTo(2));

        assertThat(products.setMaxPerCustomer(product.id(), 5)).isOne();
        assertThat(products.findById(product.id()).orElseThrow().maxPerCustomer()).isEqualTo(5);
        assertThat(products.setMaxPerCustomer(product.id(), null)).isOne();
        assertThat(products.findById(product.id()).orElseThrow().maxPerCustomer()).isNull();
        assertThat(products.setMaxPerCustomer(uniqueId("p"), 1)).isZero();
    }

    @Test
    void appliesNewerStockLevel() {
        Product product = products.insert(Product.stocked("Phone", 99_000, 100, null, null, CREATED_AT));

        projection.write(List.of(stockLevel(product.id(), 97, 2)));

        Product updated = products.findById(product.id()).orElseThrow();
        assertThat(updated.available()).isEqualTo(97);
        assertThat(updated.stockVersion()).isEqualTo(2);
    }

    @Test
    void ignoresOlderAndReplayedStockLevels() {
        Product product = products.insert(Product.stocked("Phone", 99_000, 100, null, null, CREATED_AT));
        projection.write(List.of(stockLevel(product.id(), 90, 10)));

        projection.write(List.of(stockLevel(product.id(), 95, 5)));
        projection.write(List.of(stockLevel(product.id(), 91, 10)));

        Product unchanged = products.findById(product.id()).orElseThrow();
        assertThat(unchanged.available()).isEqualTo(90);
        assertThat(unchanged.stockVersion()).isEqualTo(10);
    }

    @Test
    void keepsOnlyTheNewestLevelOfABatch() {
        Product product = products.insert(Product.stocked("Phone", 99_000, 100, null, null, CREATED_AT));

        projection.write(List.of(stockLevel(product.id(), 98, 3), stockLevel(product.id(), 95, 5),
                stockLevel(product.id(), 96, 4)));

        Product updated = products.findById(product.id()).orElseThrow();
        assertThat(updated.available()).isEqualTo(95);
        assertThat(updated.stockVersion()).isEqualTo(5);
    }

    @Test
    void ignoresStockLevelOfUnknownProduct() {
        String unknown = uniqueId("p");

        projection.write(List.of(stockLevel(unknown, 5, 1)));

        assertThat(products.existsById(unknown)).isFalse();
    }

    @Test
    void listsProductsOldestFirstInPages() {
        jdbc.sql("DELETE FROM products").update(); // rolled back with the test
        Product first = products.insert(Product.stocked("A", 1, 1, null, null, CREATED_AT));
        Product second = products.insert(Product.stocked("B", 2, 2, null, null, CREATED_AT.plus(1, ChronoUnit.SECONDS)));
        Product third = products.insert(Product.stocked("C", 3, 3, null, null, CREATED_AT.plus(2, ChronoUnit.SECONDS)));

        Page<Product> page = products.findAll(PageRequest.of(0, 2, Sort.by("createdAt", "id")));
        Page<Product> next = products.findAll(PageRequest.of(1, 2, Sort.by("createdAt", "id")));

        assertThat(page.getContent()).containsExactly(first, second);
        assertThat(next.getContent()).containsExactly(third);
        assertThat(page.getTotalElements()).isEqualTo(3);
    }

    @Test
    void rebuildsProductsFromTheirEventsWithTheLastLimitAndWindowInLogOrder() {
        ProductId phone = new ProductId(uniqueId("p"));
        ProductId mug = new ProductId(uniqueId("p"));
        ProductId nameless = new ProductId(uniqueId("p"));
        Instant later = CREATED_AT.plusSeconds(60);

        stocked.write(List.of(
                new ProductStocked(UUID.randomUUID(), phone, 5, CREATED_AT, "Phone", 99_000L, 2, null),
                new ProductStocked(UUID.randomUUID(), mug, 10, CREATED_AT, "Mug", 1_500L),
                new ProductStocked(UUID.randomUUID(), nameless, 3, CREATED_AT),
                new PurchaseLimitSet(UUID.randomUUID(), phone, 4, later),
                new PurchaseLimitSet(UUID.randomUUID(), phone, null, later),
                new PaymentWindowSet(UUID.randomUUID(), mug, Duration.ofMinutes(5), later)));

        assertThat(products.findById(phone.value())).contains(
                new Product(phone.value(), "Phone", 99_000, 5, 0, CREATED_AT, CREATED_AT, null, null));
        assertThat(products.findById(mug.value())).contains(
                new Product(mug.value(), "Mug", 1_500, 10, 0, CREATED_AT, CREATED_AT, null, 300_000L));
        assertThat(products.findById(nameless.value())).isEmpty();
    }
}
