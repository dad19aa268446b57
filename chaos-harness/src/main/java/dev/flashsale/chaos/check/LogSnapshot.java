package dev.flashsale.chaos.check;

import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.PoisonRecordException;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import dev.flashsale.events.UnitsReleased;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the log says about a round's products, read from the beginning with {@code isolation.level=read_committed} (an
 * aborted transaction's decision is not a decision) and without a consumer group: every decision in
 * {@code flashsale.order-results}, every status change of those orders in {@code flashsale.order-lifecycle}, every
 * {@code UnitsReleased} in {@code flashsale.order-requests}, and the last {@code flashsale.stock-levels} record of each
 * product. The topics are read in that order, which is the order they are written in: a status change seen has its
 * decisions seen, and the release sent in the status change's transaction too.
 *
 * @param decisions  every committed decision per order ID, in log order: more than one is a double decision
 * @param lastLevels the stock level with the highest version per product
 * @param changes    every committed status change per order ID, in log order (one partition per order)
 * @param releases   every committed release of units of the products, in log order
 */
public record LogSnapshot(Map<String, List<OrderResult>> decisions, Map<String, StockLevel> lastLevels,
        Map<String, List<OrderStatusChanged>> changes, List<UnitsReleased> releases) {

    public static LogSnapshot read(String bootstrapServers, Set<String> productIds) {
        Map<String, List<OrderResult>> decisions = new HashMap<>();
        Map<String, StockLevel> levels = new HashMap<>();
        Map<String, List<OrderStatusChanged>> changes = new HashMap<>();
        List<UnitsReleased> releases = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            readAll(consumer, Topics.ORDER_RESULTS.name(), record -> {
                OrderResult result = Topics.ORDER_RESULT_SERDE.decode(record.headers(), record.value());
                if (productIds.contains(result.productId().value())) {
                    decisions.computeIfAbsent(result.orderId().value(), id -> new ArrayList<>()).add(result);
                }
            });
            readAll(consumer, Topics.ORDER_LIFECYCLE.name(), record -> {
                if (decisions.containsKey(record.key())
                        && Topics.ORDER_LIFECYCLE_SERDE.decode(record.headers(), record.value())
                                instanceof OrderStatusChanged change) {
                    changes.computeIfAbsent(change.orderId().value(), id -> new ArrayList<>()).add(change);
                }
            });
            readAll(consumer, Topics.ORDER_REQUESTS.name(), record -> {
                if (productIds.contains(record.key())
                        && Topics.ORDER_REQUEST_SERDE.decode(record.headers(), record.value())
                                instanceof UnitsReleased released) {
                    releases.add(released);
                }
            });
            readAll(consumer, Topics.STOCK_LEVELS.name(), record -> {
                StockLevel level = Topics.STOCK_LEVEL_SERDE.decode(record.headers(), record.value());
                if (productIds.contains(level.productId().value())) {
                    levels.merge(level.productId().value(), level,
                            (known, later) -> later.version() > known.version() ? later : known);
                }
            });
        }
        return new LogSnapshot(decisions, levels, changes, releases);
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** From the beginning to the end as of now (for read_committed: the last stable offset). */
    static void readAll(KafkaConsumer<String, byte[]> consumer, String topic,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                try {
                    handler.accept(record);
                } catch (PoisonRecordException e) {
                    // Not the processor's output: it writes none. Another helper's poison tests use other topics.
                }
            }
        }
    }

    public long acceptedUnits(String productId) {
        return decisions.values().stream().map(list -> list.get(0))
                .filter(result -> result.productId().value().equals(productId))
                .filter(result -> result instanceof OrderAccepted)
                .mapToLong(OrderResult::quantity).sum();
    }

    public long releasedUnits(String productId) {
        return releases.stream().filter(released -> released.productId().value().equals(productId))
                .mapToLong(UnitsReleased::quantity).sum();
    }

    /** The order's last status change in the log, or null if it has none yet. */
    public OrderStatusChanged lastChange(String orderId) {
        List<OrderStatusChanged> list = changes.get(orderId);
        return list == null ? null : list.get(list.size() - 1);
    }

    /** The order's status as the log has it: its last status change, else its first decision; null if neither. */
    public OrderState status(String orderId) {
        OrderStatusChanged last = lastChange(orderId);
        if (last != null) {
            return new OrderState(last.status().name(),
                    last.status() == OrderStatus.REJECTED ? last.reason().name() : null);
        }
        List<OrderResult> decided = decisions.get(orderId);
        return decided == null ? null : OrderState.of(decided.get(0));
    }
}
