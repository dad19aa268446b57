package dev.flashsale.api.kafka;

import java.util.List;

/**
 * Applies a batch of events to the read model. Runs in one database transaction per call and must be idempotent:
 * after a failure the same events, or some of them, are applied again.
 *
 * <p>A known Kafka pitfall: the processor's exactly-once transaction ends at the topics. The PostgreSQL projection is
 * outside it, and the consumer commits its offsets only after the database transaction committed, so a crash between
 * the two redelivers the batch, and a rebuild ({@code dev.flashsale.api.rebuild}) replays everything again. Hence
 * every writer's statement is an upsert guarded by what the event carries: an order's status moves only from
 * PENDING, a product's stock only to a higher {@code StockLevel.version}, rows keyed by order or product ID are
 * inserted once.
 */
@FunctionalInterface
public interface ReadModelWriter<V> {

    void write(List<V> events);
}
