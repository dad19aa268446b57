package dev.flashsale.inventory.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The topology's key-value stores in memory and without changelogs, for a processor on a mock context. */
final class InMemoryStores {

    private InMemoryStores() {
    }

    static <V> KeyValueStore<String, V> keyValue(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
    }
}
