package dev.flashsale.inventory.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * IDs seen within the last {@code retention} of stream time. Entries are stamped with the task's stream time, not the
 * record's own timestamp: a re-sent record may carry an old timestamp, and a window store silently drops writes older
 * than its retention, which would let the next copy through.
 */
final class RememberedIds {

    private final ProcessingContext context;
    private final WindowStore<String, String> store;
    private final long retentionMs;

    RememberedIds(ProcessingContext context, String storeName, Duration retention) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.retentionMs = retention.toMillis();
    }

    boolean contains(String id) {
        long now = now();
        // The store drops whole segments only as its own writes advance its clock; bounding the search here makes the
        // retention exact even while nothing new is remembered.
        try (WindowStoreIterator<String> hits = store.fetch(id, Math.max(0L, now - retentionMs + 1), now)) {
            return hits.hasNext();
        }
    }

    void remember(String id, String what) {
        store.put(id, what, now());
    }

    private long now() {
        return Math.max(0L, context.currentStreamTimeMs());
    }
}
