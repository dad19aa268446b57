package dev.flashsale.api.rebuild;

import dev.flashsale.api.kafka.ReadModelReplay;
import dev.flashsale.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one topic from its beginning to the end offsets it finds at the start and applies every batch to the replay's
 * writer in one database transaction, as the live listener does. No consumer group: nothing is committed, and the
 * API's own group keeps its offsets, from which the API resumes after the rebuild (re-applying what the rebuild already
 * applied changes nothing: the projections are idempotent).
 */
final class TopicReplayer {

    private static final Logger log = LoggerFactory.getLogger(TopicReplayer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** A broker that stops answering must fail the rebuild, not hang it. */
    private static final Duration STALL_LIMIT = Duration.ofMinutes(2);

    private final Map<String, Object> consumerConfig;
    private final TransactionTemplate transactions;

    TopicReplayer(Map<String, Object> consumerProperties, TransactionTemplate transactions) {
        Map<String, Object> config = new HashMap<>(consumerProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The processor writes results and stock levels in transactions: read only what it committed, as the
        // listeners do. The end offsets are then the last stable offsets, and aborted records are never applied.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flashsale-order-api-rebuild");
        this.consumerConfig = config;
        this.transactions = transactions;
    }

    <V> ReplayCount replay(ReadModelReplay<V> replay) {
        Topic<String, V> topic = replay.topic();
        Deserializer<V> values = topic.valueSerde().deserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> truncated = new HashMap<>();
            if (!compacted(topic)) {
                consumer.beginningOffsets(partitions).forEach((partition, start) -> {
                    if (start > 0) {
                        truncated.put(partition, start);
                    }
                });
            }
            long records = 0;
            long poison = 0;
            long lossy = 0;
            long refused = 0;
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                List<V> events = new ArrayList<>();
                boolean progress = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    progress = true;
                    records++;
                    V event = decode(values, record);
                    if (event == null) {
                        poison++;
                    } else {
                        lossy += replay.lossy().test(event) ? 1 : 0;
                        events.add(event);
                    }
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException("no progress reading " + topic.name() + " for " + STALL_LIMIT
                            + "; is the broker reachable?");
                }
                refused += apply(replay, events);
            }
            return new ReplayCount(topic.name(), records, poison, refused, lossy, truncated);
        }
    }

    /** Applies a batch in one transaction; if the schema refuses one event, the others one by one without it. */
    private <V> long apply(ReadModelReplay<V> replay, List<V> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try {
            transactions.executeWithoutResult(status -> replay.writer().write(events));
            return 0;
        } catch (DataIntegrityViolationException batchFailure) {
            long refused = 0;
            for (V event : events) {
                try {
                    transactions.executeWithoutResult(status -> replay.writer().write(List.of(event)));
                } catch (DataIntegrityViolationException e) {
                    // The live listener dead-letters such an event: the live read model does not have it either.
                    log.warn("The read model refuses an event of {}, as the live listener did: {}",
                            replay.topic().name(), e.getMostSpecificCause().getMessage());
                    refused++;
                }
            }
            return refused;
        }
    }

    private static <V> V decode(Deserializer<V> values, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return values.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            log.debug("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }

    private static boolean compacted(Topic<?, ?> topic) {
        return topic.config().getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "")
                .contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
}
