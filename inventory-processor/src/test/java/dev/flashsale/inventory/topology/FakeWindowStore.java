package dev.flashsale.inventory.topology;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The part of a window store a processor uses, in a map. Kafka's own window stores refuse to initialise on a
 * {@code MockProcessorContext}; the topology tests cover the real one.
 */
final class FakeWindowStore implements WindowStore<String, String> {

    private final String name;
    private final Map<String, NavigableMap<Long, String>> entries = new HashMap<>();

    FakeWindowStore(String name) {
        this.name = name;
    }

    @Override
    public void put(String key, String value, long windowStartTimestamp) {
        entries.computeIfAbsent(key, k -> new TreeMap<>()).put(windowStartTimestamp, value);
    }

    @Override
    public WindowStoreIterator<String> fetch(String key, long timeFrom, long timeTo) {
        Iterator<Map.Entry<Long, String>> hits = entries.getOrDefault(key, new TreeMap<>())
                .subMap(timeFrom, true, timeTo, true).entrySet().iterator();
        return new WindowStoreIterator<>() {
            @Override
            public boolean hasNext() {
                return hits.hasNext();
            }

            @Override
            public KeyValue<Long, String> next() {
                Map.Entry<Long, String> hit = hits.next();
                return KeyValue.pair(hit.getKey(), hit.getValue());
            }

            @Override
            public Long peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String fetch(String key, long time) {
        return entries.getOrDefault(key, new TreeMap<>()).get(time);
    }

    @Override
    public WindowStoreIterator<String> fetch(String key, Instant timeFrom, Instant timeTo) {
        return fetch(key, timeFrom.toEpochMilli(), timeTo.toEpochMilli());
    }

    @Override
    public KeyValueIterator<Windowed<String>, String> fetch(String keyFrom, String keyTo, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, String> fetch(String keyFrom, String keyTo, Instant timeFrom,
            Instant timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, String> fetchAll(long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, String> fetchAll(Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, String> all() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
