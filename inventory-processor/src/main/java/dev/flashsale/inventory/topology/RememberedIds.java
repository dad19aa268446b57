package dev.flashsale.inventory.topology;

import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * IDs seen within the store's retention. Entries are stamped with the task's stream time, not the record's own
 * timestamp: a re-sent record may carry an old timestamp, and a window store silently drops writes older than its
 * retention, which would let the third copy through.
 */
final class RememberedIds {

    private final ProcessingContext context;
    private final WindowStore<String, String> store;

    RememberedIds(ProcessingContext context, String storeName) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    boolean contains(String id) {
        // From zero: segments past the retention are already gone, so the store itself bounds the search.
        try (WindowStoreIterator<String> hits = store.fetch(id, 0L, Math.max(0L, context.currentStreamTimeMs()))) {
            return hits.hasNext();
        }
    }

    void remember(String id, String what) {
        store.put(id, what, Math.max(0L, context.currentStreamTimeMs()));
    }
}
