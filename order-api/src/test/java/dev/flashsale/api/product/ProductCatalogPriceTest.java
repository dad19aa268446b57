package dev.flashsale.api.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import dev.flashsale.api.kafka.EventPublisher;
import dev.flashsale.events.ProductId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProductCatalogPriceTest {

    private static final String ID = "6f1c3f52-3f0e-4c1e-9a55-0d6c1a1f0c11";

    private final ProductRepository products = mock(ProductRepository.class);
    private final ProductCatalog catalog = new ProductCatalog(products, mock(StockView.class), mock(EventPublisher.class),
            Clock.systemUTC());

    @Test
    void buyersWhoAskAtOnceForAPriceNotKnownYetShareOneLookup() throws Exception {
        CountDownLatch lookupStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        given(products.findById(ID)).willAnswer(invocation -> {
            lookupStarted.countDown();
            release.await(10, TimeUnit.SECONDS);
            return Optional.of(product(1250));
        });
        ExecutorService buyers = Executors.newFixedThreadPool(16);
        try {
            List<Future<OptionalLong>> prices = IntStream.range(0, 16)
                    .mapToObj(i -> buyers.submit(() -> catalog.price(new ProductId(ID))))
                    .toList();
            assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).isTrue();
            // Let the other buyers reach the cache while the first lookup is still out.
            Thread.sleep(200);
            release.countDown();

            for (Future<OptionalLong> price : prices) {
                assertThat(price.get(10, TimeUnit.SECONDS)).hasValue(1250);
            }
        } finally {
            buyers.shutdownNow();
        }
        then(products).should(times(1)).findById(ID);
        assertThat(catalog.price(new ProductId(ID))).hasValue(1250);
        then(products).should(times(1)).findById(ID);
    }

    @Test
    void anUnknownProductIsLookedUpAgainSinceItMayBeCreatedAnyMoment() {
        given(products.findById(ID)).willReturn(Optional.empty(), Optional.of(product(990)));

        assertThat(catalog.price(new ProductId(ID))).isEmpty();
        assertThat(catalog.price(new ProductId(ID))).hasValue(990);
    }

    private static Product product(long price) {
        Instant created = Instant.parse("2026-12-06T00:00:00Z");
        return new Product(ID, "lamp", price, 10, 0, created, created, null, null);
    }
}
