package dev.flashsale.inventory.topology;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The state stores of the inventory topology. Each is local to the task of one input partition and backed by a
 * changelog topic named {@code <applicationId>-<store>-changelog}, so a product's stock and memory of what was decided
 * move with its partition, and an order's progress and deadline with the order's.
 */
public final class InventoryStores {

    /** Product ID to its available units, version and registering event. */
    public static final String STOCK = "inventory-stock";
    /**
     * Products whose stock changed since their last published level, to the wall-clock time (epoch milliseconds) of
     * the latest such change; see {@link StockLevels}. Small: a product is in it for at most one stock-level interval.
     */
    public static final String STOCK_UNREPORTED = "inventory-stock-unreported";
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
    /** Order ID to the order's {@link OrderProgress}, on the order's partition. */
    public static final String ORDERS = "inventory-orders";
    /**
     * The accepted orders awaiting payment, by deadline: {@link #deadlineKey} to order ID, so that a range scan up to
     * now finds every order due to expire, earliest first, without reading the orders that are not.
     */
    public static final String ORDER_DEADLINES = "inventory-order-deadlines";
    /**
     * Orders that are over (a final status, every line heard of), by when their progress may be forgotten:
     * {@link #deadlineKey} of that instant to order ID. That is the dedupe retention after the order ended, as long as
     * the product side remembers its decided and released lines, so nothing that may still arrive for the order finds
     * it gone; without it the store would keep every order ever placed.
     */
    public static final String ORDER_PURGES = "inventory-order-purges";

    private static final int MILLIS_WIDTH = 19;

    private InventoryStores() {
    }

    /*
     * The stores keyed by product are cached: a key written many times between two commits (a hot product's stock, its
     * unreported mark) reaches RocksDB and its changelog once per commit, not once per write. Reads and range scans see
     * the cached writes and deletes, merged over RocksDB; the cache is flushed before every commit, so exactly-once
     * still commits the store change with the records it caused. The stores keyed by order or buyer are not: their
     * keys are written about once each, so a cache coalesced nothing there, and its entries filled the thread's cache,
     * which then evicted (and wrote out) the product marks at every write instead of once per commit.
     */

    static StoreBuilder<KeyValueStore<String, ProductStock>> stock() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK), Serdes.String(), PRODUCT_STOCK)
                .withCachingEnabled();
    }

    static StoreBuilder<KeyValueStore<String, Long>> stockUnreported() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK_UNREPORTED), Serdes.String(),
                Serdes.Long()).withCachingEnabled();
    }

    static StoreBuilder<KeyValueStore<String, Integer>> customerHoldings() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMER_HOLDINGS), Serdes.String(),
                Serdes.Integer()).withCachingDisabled();
    }

    static StoreBuilder<KeyValueStore<String, OrderProgress>> orders() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS), Serdes.String(), ORDER_PROGRESS)
                .withCachingDisabled();
    }

    static StoreBuilder<KeyValueStore<String, String>> orderDeadlines() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_DEADLINES), Serdes.String(),
                Serdes.String()).withCachingDisabled();
    }

    static StoreBuilder<KeyValueStore<String, String>> orderPurges() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_PURGES), Serdes.String(),
                Serdes.String()).withCachingDisabled();
    }

    /**
     * The deadline in epoch milliseconds, zero-padded to 19 digits so that keys sort as their instants do, then the
     * order ID to tell orders due at the same millisecond apart. Stored keys: the format must not change.
     */
    static String deadlineKey(Instant deadline, String orderId) {
        return paddedMillis(deadline.toEpochMilli(), 1 + orderId.length()).append(':').append(orderId).toString();
    }

    /** The instant a {@link #deadlineKey} stands for. */
    static Instant deadlineOf(String deadlineKey) {
        return Instant.ofEpochMilli(Long.parseLong(deadlineKey.substring(0, deadlineKey.indexOf(':'))));
    }

    /** The greatest key an order due at or before {@code nowMs} can have: ';' sorts right after ':'. */
    static String lastDeadlineKeyDueBy(long nowMs) {
        return paddedMillis(nowMs, 1).append(';').toString();
    }

    /** {@code String.format("%019d", millis)} without a format parser on the path of every accepted order. */
    private static StringBuilder paddedMillis(long millis, int capacityAfter) {
        String digits = Long.toString(millis);
        StringBuilder key = new StringBuilder(MILLIS_WIDTH + capacityAfter);
        int firstDigit = 0;
        if (millis < 0) {
            key.append('-');
            firstDigit = 1;
        }
        for (int width = digits.length(); width < MILLIS_WIDTH; width++) {
            key.append('0');
        }
        return key.append(digits, firstDigit, digits.length());
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
     * Not cached: each ID is written once and read again only if a duplicate comes, so a cache would coalesce nothing.
     */
    private static StoreBuilder<WindowStore<String, String>> rememberedIds(String name, Duration retention) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(name, retention, retention, false),
                Serdes.String(), Serdes.String());
    }

    static final Serde<ProductStock> PRODUCT_STOCK = StoreFormats.PRODUCT_STOCK;

    static final Serde<OrderProgress> ORDER_PROGRESS = StoreFormats.ORDER_PROGRESS;
}
