package dev.flashsale.inventory.topology;

import dev.flashsale.events.DecisionProgress;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.PaymentDeadlinePassed;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.UnitsReleased;

/**
 * What a processor emits for one input record (or one punctuation); the topology routes each kind to its own topic.
 * The stream key is the output key for results, levels, lifecycle events, releases and expiry proposals; dead letters
 * carry their original key bytes themselves.
 */
sealed interface Outcome {

    /** The one decision on an order line, for the order-results topic. */
    record Decided(OrderResult result) implements Outcome {
    }

    /** A product's new stock, for the compacted stock-levels topic. */
    record LevelChanged(StockLevel level) implements Outcome {
    }

    /** How far a partition of the order requests is processed, for the compacted decision-progress topic. */
    record ProgressMade(DecisionProgress progress) implements Outcome {
    }

    /** The order aggregator's word on a whole order, for the order-lifecycle topic, keyed by order ID. */
    record LifecycleChanged(OrderLifecycleEvent event) implements Outcome {
    }

    /** Units of a reserved line going back on sale, for the order-requests topic, keyed by product ID. */
    record Released(UnitsReleased release) implements Outcome {
    }

    /** A proposal to expire an overdue order, for the order-commands topic, keyed by order ID. */
    record ExpiryProposed(PaymentDeadlinePassed proposal) implements Outcome {
    }

    /** An input record that could not be processed, byte for byte as it came in. */
    record DeadLettered(byte[] key, byte[] value) implements Outcome {
    }
}
