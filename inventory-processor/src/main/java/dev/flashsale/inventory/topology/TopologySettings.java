package dev.flashsale.inventory.topology;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the topology and its {@code KafkaStreams} need to know, without saying where it comes from. The Spring
 * application binds it from configuration; a test or another module can pass any implementation, so the topology
 * never depends on Spring.
 */
public interface TopologySettings {

    String bootstrapServers();

    /** The Kafka Streams application ID: the consumer group and the prefix of every internal topic. */
    String applicationId();

    /** Where the local state stores live; keep it across restarts so a restart does not replay the changelogs. */
    Path stateDir();

    int numStreamThreads();

    /** How often a transaction commits; with exactly-once this bounds the latency until a result is readable. */
    Duration commitInterval();

    /**
     * The least time between two commits of a stream thread made sooner than the commit interval, for a decision
     * someone waits for, once the processor has caught up with its input ({@code PromptCommits}); the gap widens
     * towards the interval while requests wait longer to be decided. Zero commits every interval only.
     */
    Duration promptCommitGap();

    /** How long, in stream time, a decided order line or an applied stock adjustment is remembered for dedupe. */
    Duration dedupeRetention();

    /**
     * How long a buyer has to pay for an accepted order of a product that has no payment window of its own. Orders
     * already accepted keep the deadline they were given when this changes.
     */
    Duration defaultPaymentWindow();

    /**
     * How often, in wall-clock time, the order aggregator looks for accepted orders past their payment deadline: the
     * most an expiry can lag behind its deadline, plus the commit interval.
     */
    Duration expiryCheckInterval();

    /**
     * How often, in wall-clock time, a product's stock level is published while orders move its stock: the latest
     * level of each product changed since its last one, once per interval. A level that reaches or leaves 0, and a
     * level after a stock adjustment, is published at once. Zero publishes a level with every change.
     */
    Duration stockLevelInterval();

    /**
     * Partitions of the flashsale topics: of the product topics and, as many, of the order topics. A line whose order
     * falls on its product's partition is decided whole on that task ({@code OrderPartitions}); zero for unknown,
     * which decides every order through the results topic.
     */
    int topicPartitions();

    /** Replication factor of the internal changelog topics. */
    short replicationFactor();

    /** {@code min.insync.replicas} of the internal changelog topics. */
    int minInsyncReplicas();

    /**
     * The name of this process among the processor's instances: the {@code client.id} of its Kafka clients, and the
     * {@code processor-instance} header of every record it writes, so that a log and a consumer group both say which
     * instance wrote or read what.
     */
    String instance();
}
