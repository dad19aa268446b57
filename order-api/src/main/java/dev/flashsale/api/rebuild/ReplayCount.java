package dev.flashsale.api.rebuild;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one topic's replay did.
 *
 * @param records   records read, up to the end offsets taken at the start
 * @param poison    records no reader can decode; the live listeners dead-letter them, so they are not in the live read
 *                  model either
 * @param refused   events the read model's constraints refuse; dead-lettered by the live listeners too
 * @param lossy     events the rebuild could not fully restore from (see {@code ReadModelReplay.lossy})
 * @param truncated partitions whose log no longer starts at offset 0: retention deleted records the live read model
 *                  may still reflect. Never counted for compacted topics, which keep every key's newest record.
 */
record ReplayCount(String topic, long records, long poison, long refused, long lossy,
        Map<TopicPartition, Long> truncated) {

    ReplayCount {
        truncated = Map.copyOf(truncated);
    }

    boolean complete() {
        return lossy == 0 && truncated.isEmpty();
    }

    @Override
    public String toString() {
        return "%s: %d records, %d poison, %d refused by constraints, %d not fully restorable%s".formatted(topic,
                records, poison, refused, lossy, truncated.isEmpty() ? "" : ", log starts after offset 0 in " + truncated);
    }
}
