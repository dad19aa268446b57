package dev.flashsale.inventory.topology;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.ProductId;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Units each customer holds in accepted orders of each product, for the per-customer purchase limit. The key starts
 * with the product, whose partition owns the store, so the check and the count move together with the product's
 * stock. Whatever later releases an accepted order's units (a cancellation, an expiry) is to take them off here, on the
 * same partition and in the same transaction as it returns them to the stock, to free the customer's allowance.
 */
final class CustomerHoldings {

    private final KeyValueStore<String, Integer> store;

    CustomerHoldings(ProcessingContext context) {
        this.store = context.getStateStore(InventoryStores.CUSTOMER_HOLDINGS);
    }

    /** The units a customer holds of a product, and where they are kept. */
    record Holding(String key, int units) {
    }

    /** What the customer holds now: one read, for both the limit check and the count an acceptance adds to. */
    Holding of(ProductId product, CustomerId customer) {
        String key = key(product, customer);
        Integer held = store.get(key);
        return new Holding(key, held == null ? 0 : held);
    }

    /** Counts {@code units} more for a customer who held {@code holding} when the line was decided. */
    void add(Holding holding, int units) {
        store.put(holding.key(), Math.addExact(holding.units(), units));
    }

    /**
     * Frees units the customer held, as when an order is cancelled or expires. Never below zero: units reserved before
     * holdings were counted were never added here, and must not leave a debt that blocks the customer's next order.
     */
    void release(ProductId product, CustomerId customer, int units) {
        Holding holding = of(product, customer);
        int left = Math.max(0, holding.units() - units);
        if (left == 0) {
            store.delete(holding.key());
        } else {
            store.put(holding.key(), left);
        }
    }

    /** Length-prefixed so that no product and customer pair can spell another pair's key. */
    static String key(ProductId product, CustomerId customer) {
        return product.value().length() + ":" + product.value() + ":" + customer.value();
    }
}
