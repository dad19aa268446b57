package dev.flashsale.api.product;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flashsale.events.RandomIds;
import dev.flashsale.api.kafka.EventPublisher;
import dev.flashsale.api.kafka.PublishFailedException;
import dev.flashsale.events.PaymentWindowSet;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.PurchaseLimitSet;
import dev.flashsale.events.StockReplenished;
import dev.flashsale.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Products and their stock as operators manage them; the inventory processor learns of every change by event. */
@Service
public class ProductCatalog {

    public static final int MAX_PAGE_SIZE = 100;

    private static final Sort LISTING_ORDER = Sort.by("createdAt", "id");

    private final ProductRepository products;
    private final StockView stockView;
    private final EventPublisher publisher;
    private final Clock clock;
    // Products are never deleted once their stock event is out and their prices never change, so a price found once
    // holds for good; this spares every order of a sale the lookup of its products. Buyers who ask at once for a price
    // not known yet wait for one lookup: right after a start, every request in flight looked it up itself and they
    // queued for the pool's ten connections, the first second's orders all behind them.
    private final Cache<String, Long> prices = Caffeine.newBuilder().build();

    ProductCatalog(ProductRepository products, StockView stockView, EventPublisher publisher, Clock clock) {
        this.products = products;
        this.stockView = stockView;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Records the product, then tells the processor its initial stock. Answers only once Kafka has the event: a
     * product the processor never heard of would reject every order. The event also carries the name and price, so
     * the catalog can be rebuilt from the log (bin/rebuild-read-model).
     *
     * @throws PublishFailedException if Kafka did not acknowledge; the product is then removed again
     */
    public Product create(String name, long price, int stock) {
        return create(name, price, stock, null);
    }

    /**
     * {@link #create(String, long, int)} with a per-customer purchase limit, which the same event carries.
     *
     * @param maxPerCustomer units one customer may hold in accepted orders; null for no limit
     */
    public Product create(String name, long price, int stock, Integer maxPerCustomer) {
        return create(name, price, stock, maxPerCustomer, null);
    }

    /**
     * @param paymentWindow how long buyers have to pay for accepted orders of it, at most millisecond precision;
     *                      null for the processor's default
     */
    public Product create(String name, long price, int stock, Integer maxPerCustomer, Duration paymentWindow) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Product product = products.insert(Product.stocked(name, price, stock, maxPerCustomer, paymentWindow, now));
        try {
            publisher.publish(Topics.STOCK_ADJUSTMENTS, product.id(), new ProductStocked(RandomIds.uuid(),
                    new ProductId(product.id()), stock, now, name, price, maxPerCustomer, paymentWindow));
        } catch (PublishFailedException e) {
            products.deleteById(product.id());
            prices.invalidate(product.id());
            throw e;
        }
        // Version 0: any level the processor reports about the product is newer.
        stockView.apply(product.id(), stock, 0);
        return product;
    }

    public Optional<Product> find(String productId) {
        return products.findById(productId);
    }

    public boolean exists(ProductId productId) {
        return price(productId).isPresent();
    }

    /** The product's unit price in minor units, if the catalog has the product. */
    public OptionalLong price(ProductId productId) {
        // An unknown product is not remembered (null): it may be created the next moment.
        Long price = prices.get(productId.value(), id -> products.findById(id).map(Product::price).orElse(null));
        return price == null ? OptionalLong.empty() : OptionalLong.of(price);
    }

    /**
     * Whether the product had no units left at the newest stock level this instance has seen. May lag the inventory
     * processor by a moment in either direction; good for turning buyers away early, never for selling.
     */
    public boolean isSoldOut(ProductId productId) {
        return stockView.isSoldOut(productId.value());
    }

    /** Products oldest first; {@code size} is capped at {@value #MAX_PAGE_SIZE}. */
    public Page<Product> list(int page, int size) {
        return products.findAll(PageRequest.of(page, Math.min(size, MAX_PAGE_SIZE), LISTING_ORDER));
    }

    /**
     * Sets or removes the product's per-customer purchase limit. The row and the event go together: the update is
     * rolled back unless Kafka acknowledged the {@link PurchaseLimitSet}, so the catalog never shows a limit the
     * processor will not enforce. Orders decided before the processor applies it keep their decision.
     *
     * @param maxPerCustomer the new limit, or null for none
     * @throws ProductNotFoundException if there is no such product
     * @throws PublishFailedException   if Kafka did not acknowledge
     */
    @Transactional
    public Product setPurchaseLimit(String productId, Integer maxPerCustomer) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (products.setMaxPerCustomer(productId, maxPerCustomer) == 0) {
            throw new ProductNotFoundException(productId);
        }
        publisher.publish(Topics.STOCK_ADJUSTMENTS, productId,
                new PurchaseLimitSet(RandomIds.uuid(), new ProductId(productId), maxPerCustomer, now));
        return products.findById(productId).orElseThrow(() -> new ProductNotFoundException(productId));
    }

    /**
     * Sets the product's payment window or, with null, returns it to the processor's default; like the limit, the
     * update is rolled back unless Kafka acknowledged the {@link PaymentWindowSet}. Orders accepted before the
     * processor applies it keep their deadline.
     *
     * @param paymentWindow PT1S..P7D at millisecond precision, or null
     * @throws ProductNotFoundException if there is no such product
     * @throws PublishFailedException   if Kafka did not acknowledge
     */
    @Transactional
    public Product setPaymentWindow(String productId, Duration paymentWindow) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (products.setPaymentWindowMillis(productId, Product.millis(paymentWindow)) == 0) {
            throw new ProductNotFoundException(productId);
        }
        publisher.publish(Topics.STOCK_ADJUSTMENTS, productId,
                new PaymentWindowSet(RandomIds.uuid(), new ProductId(productId), paymentWindow, now));
        return products.findById(productId).orElseThrow(() -> new ProductNotFoundException(productId));
    }

    /**
     * Asks the processor to add units. The read model's {@code available} changes when the resulting stock level
     * comes back, not here.
     *
     * @throws ProductNotFoundException if there is no such product
     * @throws PublishFailedException   if Kafka did not acknowledge
     */
    public void replenish(String productId, int delta) {
        if (!products.existsById(productId)) {
            throw new ProductNotFoundException(productId);
        }
        publisher.publish(Topics.STOCK_ADJUSTMENTS, productId,
                new StockReplenished(RandomIds.uuid(), new ProductId(productId), delta, clock.instant()));
    }
}
