package dev.flashsale.inventory.topology;

import dev.flashsale.events.ProductId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes the products' stock levels. A level the order API must see at once goes out with the record that caused
 * it: after a stock adjustment, and when the available units reach or leave 0, since the API refuses orders for a
 * sold-out product at the edge from these levels. Any other change, the bulk of a sale's reservations and releases,
 * is only marked in {@link InventoryStores#STOCK_UNREPORTED}; a wall-clock punctuation every interval publishes the
 * latest level of each marked product and clears its mark. The mark is written in the transaction of the change and
 * changelogged like the stock, so a crash between that commit and the next punctuation loses no level: whichever task
 * restores the store publishes it. The last level published of a product is thus always its stock, at most an interval
 * and a commit interval after the change.
 * <p>
 * The punctuation is scheduled only while something is marked: Kafka Streams commits a transaction after every
 * punctuation, even one that changed nothing, and an idle processor committing ten times a second per thread kept the
 * broker a seventh of a core busy.
 */
final class StockLevels {

    /**
     * With every change published at once nothing is marked; the punctuation still publishes what a run with an
     * interval left marked.
     */
    static final Duration LEFTOVER_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final ProcessorContext<String, Outcome> context;
    private final KeyValueStore<String, ProductStock> stocks;
    private final KeyValueStore<String, Long> unreported;
    private final Duration interval;
    private final boolean coalesced;
    private final Sensor published;
    /** The scheduled punctuation; null while nothing is marked. */
    private Cancellable publishing;

    /**
     * @param interval  how often marked levels are published; zero to publish every change at once
     * @param published counts the levels published
     */
    StockLevels(ProcessorContext<String, Outcome> context, Duration interval, Sensor published) {
        this.context = context;
        this.stocks = context.getStateStore(InventoryStores.STOCK);
        this.unreported = context.getStateStore(InventoryStores.STOCK_UNREPORTED);
        this.interval = interval;
        this.coalesced = !interval.isZero();
        this.published = published;
    }

    /**
     * Publishes, an interval from now in wall-clock time, what a run before this one left marked; one processor of
     * the task calls it when it starts.
     */
    void schedulePublishing() {
        if (publishing == null) {
            publishing = context.schedule(coalesced ? interval : LEFTOVER_CHECK_INTERVAL,
                    PunctuationType.WALL_CLOCK_TIME, this::publishUnreported);
        }
    }

    /** An order moved the product's available units from {@code before} to {@code after}: a reservation or release. */
    void changed(ProductId product, ProductStock before, ProductStock after, long timestamp) {
        boolean soldOutOrBack = (before.available() == 0) != (after.available() == 0);
        if (!coalesced) {
            publish(product, after, context.currentSystemTimeMs(), timestamp);
        } else if (soldOutOrBack) {
            publishAndClearMark(product, after, timestamp);
        } else {
            unreported.put(product.value(), context.currentSystemTimeMs());
            schedulePublishing();
        }
    }

    /** A stock adjustment changed the product's available units: published at once. */
    void adjusted(ProductId product, ProductStock after, long timestamp) {
        if (coalesced) {
            publishAndClearMark(product, after, timestamp);
        } else {
            publish(product, after, context.currentSystemTimeMs(), timestamp);
        }
    }

    /** The latest level of every marked product, each stamped with the time of its latest change. */
    void publishUnreported(long nowMs) {
        List<KeyValue<String, Long>> marked = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = unreported.all()) {
            entries.forEachRemaining(marked::add);
        }
        if (marked.isEmpty()) {
            // Scheduled again by the next mark.
            if (publishing != null) {
                publishing.cancel();
                publishing = null;
            }
            return;
        }
        for (KeyValue<String, Long> entry : marked) {
            unreported.delete(entry.key);
            ProductStock stock = stocks.get(entry.key);
            if (stock != null) {
                publish(new ProductId(entry.key), stock, entry.value, nowMs);
            }
        }
    }

    private void publishAndClearMark(ProductId product, ProductStock stock, long timestamp) {
        // Published now: the punctuation would only send the same level again.
        unreported.delete(product.value());
        publish(product, stock, context.currentSystemTimeMs(), timestamp);
    }

    private void publish(ProductId product, ProductStock stock, long changedAtMs, long timestamp) {
        published.record();
        context.forward(new Record<>(product.value(),
                new Outcome.LevelChanged(stock.level(product, Instant.ofEpochMilli(changedAtMs))), timestamp,
                new RecordHeaders()));
    }
}
