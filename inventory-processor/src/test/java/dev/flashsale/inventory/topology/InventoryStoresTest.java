package dev.flashsale.inventory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/** How the stores are built; their contents are tested through the topology. */
class InventoryStoresTest {

    @Test
    void cachesEveryKeyValueStoreSoThatAKeyWrittenOftenReachesRocksDbOncePerCommit() {
        List<StoreBuilder<?>> keyValueStores = List.of(InventoryStores.stock(), InventoryStores.stockUnreported(),
                InventoryStores.customerHoldings(), InventoryStores.orders(), InventoryStores.orderDeadlines(),
                InventoryStores.orderPurges());

        assertThat(keyValueStores).allSatisfy(builder -> assertThat(layers(builder.build())).as(builder.name())
                .contains("CachingKeyValueStore"));
    }

    @Test
    void leavesTheRememberedIdsUncachedSinceEachIsWrittenOnce() {
        List<StoreBuilder<?>> windowStores = List.of(InventoryStores.decidedOrders(Duration.ofHours(1)),
                InventoryStores.appliedAdjustments(Duration.ofHours(1)));

        assertThat(windowStores).allSatisfy(builder -> assertThat(layers(builder.build())).as(builder.name())
                .isNotEmpty().noneMatch(layer -> layer.startsWith("Caching")));
    }

    /**
     * The class names of the store and of every store it wraps, outermost first: Kafka Streams' own layering, an
     * internal API whose classes are not all public.
     */
    private static List<String> layers(StateStore store) {
        List<String> layers = new ArrayList<>();
        StateStore layer = store;
        layers.add(layer.getClass().getSimpleName());
        while (layer instanceof WrappedStateStore<?, ?, ?> wrapped) {
            layer = wrapped.wrapped();
            layers.add(layer.getClass().getSimpleName());
        }
        return layers;
    }
}
