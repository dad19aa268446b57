package dev.flashsale.inventory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/** How the stores are built; their contents are tested through the topology. */
class InventoryStoresTest {

    @Test
    void cachesTheStoresKeyedByProductSoThatAKeyWrittenOftenReachesRocksDbOncePerCommit() {
        List<StoreBuilder<?>> byProduct = List.of(InventoryStores.stock(), InventoryStores.stockUnreported());

        assertThat(byProduct).allSatisfy(builder -> assertThat(layers(builder.build())).as(builder.name())
                .contains("CachingKeyValueStore"));
    }

    @Test
    void leavesTheStoresKeyedByOrderOrBuyerUncachedSoThatTheyDoNotCrowdOutTheProductMarks() {
        List<StoreBuilder<?>> byOrderOrBuyer = List.of(InventoryStores.customerHoldings(), InventoryStores.orders(),
                InventoryStores.orderDeadlines(), InventoryStores.orderPurges());

        assertThat(byOrderOrBuyer).allSatisfy(builder -> assertThat(layers(builder.build())).as(builder.name())
                .isNotEmpty().noneMatch(layer -> layer.startsWith("Caching")));
    }

    @Test
    void leavesTheRememberedIdsUncachedSinceEachIsWrittenOnce() {
        List<StoreBuilder<?>> windowStores = List.of(InventoryStores.decidedOrders(Duration.ofHours(1)),
                InventoryStores.appliedAdjustments(Duration.ofHours(1)));

        assertThat(windowStores).allSatisfy(builder -> assertThat(layers(builder.build())).as(builder.name())
                .isNotEmpty().noneMatch(layer -> layer.startsWith("Caching")));
    }

    @Test
    void writesDeadlineKeysExactlyAsTheStoresAlreadyHoldThem() {
        List<Long> millis = List.of(0L, 1L, 999L, 1_772_355_605_000L, 9_999_999_999_999_999L, Long.MAX_VALUE, -1L,
                -1_772_355_605_000L, Long.MIN_VALUE);

        assertThat(millis).allSatisfy(ms -> {
            assertThat(InventoryStores.deadlineKey(Instant.ofEpochMilli(ms), "order-7"))
                    .isEqualTo(String.format("%019d:%s", ms, "order-7"));
            assertThat(InventoryStores.lastDeadlineKeyDueBy(ms)).isEqualTo(String.format("%019d;", ms));
        });
        assertThat(InventoryStores.deadlineKey(Instant.parse("2026-03-01T09:00:05.123Z"), "o"))
                .isEqualTo("0000001772355605123:o");
        assertThat(InventoryStores.lastDeadlineKeyDueBy(42)).isEqualTo("0000000000000000042;");
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
