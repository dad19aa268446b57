package dev.flashsale.api.kafka;

import java.util.List;

/**
 * Applies a batch of events to the read model. Runs in one database transaction per call and must be idempotent:
 * after a failure the same events, or some of them, are applied again.
 */
@FunctionalInterface
public interface ReadModelWriter<V> {

    void write(List<V> events);
}
