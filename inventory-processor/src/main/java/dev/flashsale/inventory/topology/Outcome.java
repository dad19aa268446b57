package dev.flashsale.inventory.topology;

import dev.flashsale.events.OrderResult;
import dev.flashsale.events.StockLevel;

/**
 * What a processor emits for one input record; the topology routes each kind to its own topic. The stream key is the
 * output key for results and levels; dead letters carry their original key bytes themselves.
 */
sealed interface Outcome {

    /** The one decision on an order line, for the order-results topic. */
    record Decided(OrderResult result) implements Outcome {
    }

    /** A product's new stock, for the compacted stock-levels topic. */
    record LevelChanged(StockLevel level) implements Outcome {
    }

    /** An input record that could not be processed, byte for byte as it came in. */
    record DeadLettered(byte[] key, byte[] value) implements Outcome {
    }
}
