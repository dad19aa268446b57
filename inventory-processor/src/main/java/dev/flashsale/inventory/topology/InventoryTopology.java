package dev.flashsale.inventory.topology;

import dev.flashsale.events.Topic;
import dev.flashsale.events.Topics;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The inventory processor as a Kafka Streams topology. The product side takes order requests (lines to reserve,
 * units to release) and stock adjustments in, and sends order results and stock levels out; the order side, the order
 * aggregator, takes the order results and the buyers' order commands in, and sends the orders' lifecycle events out,
 * the units to release back to the product side, and its proposals to expire overdue orders back to itself through
 * the order commands. Both send what they cannot read to the dead letters. They share one task per partition: a line
 * whose order falls on its product's partition ({@code OrderPartitions}, as the order API picks single-line orders'
 * IDs) is decided together with its order, in one transaction, so the buyer's decision is readable one commit after
 * the request instead of two. Production, the topology tests and other modules'
 * end-to-end tests all build it here:
 * <pre>{@code
 * Topology topology = InventoryTopology.build(new StreamsBuilder(), settings);
 * KafkaStreams streams = new KafkaStreams(topology, InventoryTopology.streamsProperties(settings));
 * streams.start();
 * }</pre>
 * The topics must exist first (see {@code TopicProvisioner}); the stream needs {@code exactly_once_v2}, so a broker
 * needs its transaction state log (a single test broker: {@code transaction.state.log.replication.factor=1} and
 * {@code transaction.state.log.min.isr=1}).
 */
public final class InventoryTopology {

    private InventoryTopology() {
    }

    /**
     * Adds the inventory's sources, processors, stores and sinks to {@code builder} and returns the built topology.
     * Every input is read as raw bytes and decoded inside the processors, so every record that cannot be decoded is
     * dead-lettered with its source and reason instead of failing the deserializer.
     *
     * @param settings {@link TopologySettings#dedupeRetention()}, {@link TopologySettings#defaultPaymentWindow()},
     *                 {@link TopologySettings#expiryCheckInterval()} and {@link TopologySettings#stockLevelInterval()}
     *                 shape the topology
     */
    public static Topology build(StreamsBuilder builder, TopologySettings settings) {
        builder.addStateStore(InventoryStores.stock());
        builder.addStateStore(InventoryStores.stockUnreported());
        builder.addStateStore(InventoryStores.decidedOrders(settings.dedupeRetention()));
        builder.addStateStore(InventoryStores.customerHoldings());
        builder.addStateStore(InventoryStores.appliedAdjustments(settings.dedupeRetention()));
        builder.addStateStore(InventoryStores.orders());
        builder.addStateStore(InventoryStores.orderDeadlines());
        builder.addStateStore(InventoryStores.orderPurges());

        KStream<String, Outcome> decisions = builder
                .stream(Topics.ORDER_REQUESTS.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("order-requests"))
                .process(() -> new OrderRequestProcessor(settings.dedupeRetention(),
                                settings.defaultPaymentWindow(), settings.stockLevelInterval(),
                                settings.topicPartitions(), settings.promptCommitGap()),
                        Named.as("decide-order-line"), InventoryStores.STOCK, InventoryStores.DECIDED_ORDERS,
                        InventoryStores.CUSTOMER_HOLDINGS, InventoryStores.STOCK_UNREPORTED, InventoryStores.ORDERS,
                        InventoryStores.ORDER_DEADLINES, InventoryStores.ORDER_PURGES);
        KStream<String, Outcome> adjustments = builder
                .stream(Topics.STOCK_ADJUSTMENTS.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("stock-adjustments"))
                .process(() -> new StockAdjustmentProcessor(settings.dedupeRetention(),
                                settings.stockLevelInterval()),
                        Named.as("apply-stock-adjustment"), InventoryStores.STOCK, InventoryStores.APPLIED_ADJUSTMENTS,
                        InventoryStores.STOCK_UNREPORTED);

        // The order aggregator: it reads the product side's results like any consumer would, and answers it through
        // order-requests. Its stores are also the product side's, which decides a line whose order falls on its own
        // partition whole (OrderPartitions): one sub-topology, one task per partition of all four input topics.
        KStream<byte[], byte[]> results = builder.stream(Topics.ORDER_RESULTS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("order-results-in"));
        KStream<byte[], byte[]> commands = builder.stream(Topics.ORDER_COMMANDS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("order-commands-in"));
        KStream<String, Outcome> lifecycle = results.merge(commands, Named.as("order-inputs"))
                .process(() -> new OrderLifecycleProcessor(settings.expiryCheckInterval(),
                                settings.dedupeRetention(), settings.topicPartitions(),
                                settings.promptCommitGap()),
                        Named.as("decide-order-lifecycle"), InventoryStores.ORDERS, InventoryStores.ORDER_DEADLINES,
                        InventoryStores.ORDER_PURGES);

        decisions.merge(adjustments, Named.as("product-outcomes")).merge(lifecycle, Named.as("outcomes"))
                .split(Named.as("route-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Decided, Branched.withConsumer(
                        to(Topics.ORDER_RESULTS, Outcome.Decided::result, "order-result", "order-results"), "decided"))
                .branch((key, outcome) -> outcome instanceof Outcome.LevelChanged, Branched.withConsumer(
                        to(Topics.STOCK_LEVELS, Outcome.LevelChanged::level, "stock-level", "stock-levels"),
                        "level-changed"))
                .branch((key, outcome) -> outcome instanceof Outcome.ProgressMade, Branched.withConsumer(
                        to(Topics.DECISION_PROGRESS, Outcome.ProgressMade::progress, "decision-progress-report",
                                "decision-progress"),
                        "progress-made"))
                .branch((key, outcome) -> outcome instanceof Outcome.LifecycleChanged, Branched.withConsumer(
                        to(Topics.ORDER_LIFECYCLE, Outcome.LifecycleChanged::event, "order-lifecycle-event",
                                "order-lifecycle"),
                        "lifecycle-changed"))
                .branch((key, outcome) -> outcome instanceof Outcome.Released, Branched.withConsumer(
                        to(Topics.ORDER_REQUESTS, Outcome.Released::release, "units-release", "units-released"),
                        "released"))
                .branch((key, outcome) -> outcome instanceof Outcome.ExpiryProposed, Branched.withConsumer(
                        to(Topics.ORDER_COMMANDS, Outcome.ExpiryProposed::proposal, "expiry-proposal",
                                "expiry-proposed"),
                        "expiry-proposed"))
                .branch((key, outcome) -> outcome instanceof Outcome.DeadLettered,
                        Branched.withConsumer(InventoryTopology::toDeadLetters, "dead-lettered"))
                .noDefaultBranch();
        return builder.build();
    }

    /**
     * Writes a branch of one kind of outcome to its topic: the outcome's event, under the node names {@code valueNode}
     * (the unwrapping) and {@code sinkNode} (the sink).
     */
    @SuppressWarnings("unchecked") // the branch's predicate let through only outcomes that are O
    private static <O extends Outcome, V> Consumer<KStream<String, Outcome>> to(Topic<String, V> topic,
            Function<O, ? extends V> event, String valueNode, String sinkNode) {
        return branch -> branch
                .<V>mapValues(outcome -> event.apply((O) outcome), Named.as(valueNode))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkNode));
    }

    private static void toDeadLetters(KStream<String, Outcome> deadLetters) {
        deadLetters
                .map((key, outcome) -> {
                    Outcome.DeadLettered letter = (Outcome.DeadLettered) outcome;
                    return KeyValue.pair(letter.key(), letter.value());
                }, Named.as("dead-letter"))
                .to(Topics.DEAD_LETTERS.name(), Produced
                        .with(Topics.DEAD_LETTERS.keySerde(), Topics.DEAD_LETTERS.valueSerde())
                        .withName("dead-letters"));
    }

    /**
     * The {@code KafkaStreams} configuration the topology is meant to run with: exactly-once (v2), so a decision, its
     * store change and the consumed offset commit in one transaction; {@code acks=all} and {@code read_committed}
     * follow from it and are set explicitly so that a reader of this method need not know that.
     */
    public static Properties streamsProperties(TopologySettings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitInterval().toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.numStreamThreads()));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(settings.replicationFactor()));
        props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(settings.minInsyncReplicas()));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        // A crashed instance holds its partitions until the broker gives up on it; during a sale every second of that
        // is a second no order for those products is decided. 10 s still rides out an ordinary GC pause.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "3000");
        // A stream thread with nothing buffered blocks in poll this long before it looks whether a commit is due: with
        // the default 100 ms on top of the commit interval, a decision waited up to two intervals to be readable. An
        // idle thread wakes a hundred times a second for it, a few per cent of a core.
        props.put(StreamsConfig.POLL_MS_CONFIG, "10");
        // Names the clients in the consumer group, in metrics and in thread names, and stamps every record written.
        props.put(StreamsConfig.CLIENT_ID_CONFIG, settings.instance());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                InstanceHeader.class.getName());
        props.put(StreamsConfig.producerPrefix(InstanceHeader.INSTANCE_CONFIG), settings.instance());
        return props;
    }
}
