package dev.flashsale.inventory.topology;

import dev.flashsale.events.EventJson;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The state stores of the inventory topology. Each is local to the task of one input partition and backed by a
 * changelog topic named {@code <applicationId>-<store>-changelog}, so a product's stock and memory of what was decided
 * move with its partition.
 */
public final class InventoryStores {

    /** Product ID to its available units, version and registering event. */
    public static final String STOCK = "inventory-stock";
    /** Order lines (product and order ID) already decided, kept for the dedupe retention. */
    public static final String DECIDED_ORDERS = "inventory-decided-orders";
    /**
     * Units each customer holds in accepted orders of a product, keyed by {@link CustomerHoldings#key product and
     * customer} so that it lives on the product's partition beside its stock. Kept for every product, limited or not,
     * so that a limit set later counts what was bought before it.
     */
    public static final String CUSTOMER_HOLDINGS = "inventory-customer-holdings";
    /** Event IDs of stock adjustments already applied, kept for the dedupe retention. */
    public static final String APPLIED_ADJUSTMENTS = "inventory-applied-adjustments";

    private InventoryStores() {
    }

    static StoreBuilder<KeyValueStore<String, ProductStock>> stock() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK), Serdes.String(), PRODUCT_STOCK);
    }

    static StoreBuilder<KeyValueStore<String, Integer>> customerHoldings() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMER_HOLDINGS), Serdes.String(),
                Serdes.Integer());
    }

    static StoreBuilder<WindowStore<String, String>> decidedOrders(Duration retention) {
        return rememberedIds(DECIDED_ORDERS, retention);
    }

    static StoreBuilder<WindowStore<String, String>> appliedAdjustments(Duration retention) {
        return rememberedIds(APPLIED_ADJUSTMENTS, retention);
    }

    /*
     * A window store rather than a key-value store because it forgets by itself: whole segments older than the
     * retention are dropped as stream time advances, with no punctuator scanning a store that grows with every order.
     */
    private static StoreBuilder<WindowStore<String, String>> rememberedIds(String name, Duration retention) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(name, retention, retention, false),
                Serdes.String(), Serdes.String());
    }

    static final Serde<ProductStock> PRODUCT_STOCK = Serdes.serdeFrom(
            (topic, stock) -> stock == null ? null : EventJson.MAPPER.writeValueAsBytes(stock),
            (topic, bytes) -> bytes == null ? null : EventJson.MAPPER.readValue(bytes, ProductStock.class));
}
