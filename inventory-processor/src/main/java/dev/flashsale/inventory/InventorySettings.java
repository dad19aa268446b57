package dev.flashsale.inventory;

import dev.flashsale.events.PaymentWindowSet;
import dev.flashsale.inventory.topology.TopologySettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the inventory processor, bound from {@code flashsale.inventory.*} (see {@code application.yml} for the
 * environment variables). Every default is here and only here: a value left unset, empty or zero takes it (but for
 * {@code stockLevelInterval}, where zero means every change), so {@code new InventorySettings(null, null, ...)} and
 * {@link #defaults()} are the same local setup.
 *
 * @param bootstrapServers  Kafka brokers, default {@code localhost:9092}
 * @param applicationId     Kafka Streams application ID, default {@code flashsale-inventory}
 * @param stateDir          state store directory, default {@code ${java.io.tmpdir}/flashsale-inventory}
 * @param numStreamThreads  stream threads, default 2
 * @param commitInterval    transaction commit interval, default 100 ms
 * @param promptCommitGap   least time between two commits of a stream thread made before the interval for a decision
 *                          someone waits for, default 20 ms; it widens towards the interval while requests wait
 *                          longer to be decided; zero commits at the interval only (see
 *                          {@link TopologySettings#promptCommitGap()})
 * @param dedupeRetention   how long decided order lines and applied adjustments are remembered, default 7 days
 * @param topicPartitions   partitions of the flashsale topics if this process creates them, default 6
 * @param replicationFactor replication factor of created and internal topics, default 1
 * @param minInsyncReplicas {@code min.insync.replicas} of created and internal topics, default 1
 * @param paymentWindow     how long a buyer has to pay for an accepted order of a product without a window of its
 *                          own, default 10 minutes; 1 second to 7 days
 * @param expiryCheckInterval how often unpaid orders past their deadline are looked for, default 1 second
 * @param stockLevelInterval  how often the latest stock level of a product that orders changed is published, default
 *                          100 ms; zero publishes every change (see {@link TopologySettings#stockLevelInterval()})
 * @param instance          the name of this process among the processor's instances, default host name and process
 *                          ID (see {@link TopologySettings#instance()})
 */
@ConfigurationProperties(prefix = "flashsale.inventory")
public record InventorySettings(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        int numStreamThreads,
        Duration commitInterval,
        Duration promptCommitGap,
        Duration dedupeRetention,
        int topicPartitions,
        short replicationFactor,
        int minInsyncReplicas,
        Duration paymentWindow,
        Duration expiryCheckInterval,
        Duration stockLevelInterval,
        String instance) implements TopologySettings {

    public InventorySettings {
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? "localhost:9092" : bootstrapServers;
        applicationId = applicationId == null || applicationId.isBlank() ? "flashsale-inventory" : applicationId;
        stateDir = stateDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "flashsale-inventory") : stateDir;
        numStreamThreads = numStreamThreads == 0 ? 2 : numStreamThreads;
        commitInterval = commitInterval == null ? Duration.ofMillis(100) : commitInterval;
        promptCommitGap = promptCommitGap == null ? Duration.ofMillis(20) : promptCommitGap;
        dedupeRetention = dedupeRetention == null ? Duration.ofDays(7) : dedupeRetention;
        topicPartitions = topicPartitions == 0 ? 6 : topicPartitions;
        replicationFactor = replicationFactor == 0 ? 1 : replicationFactor;
        minInsyncReplicas = minInsyncReplicas == 0 ? 1 : minInsyncReplicas;
        paymentWindow = paymentWindow == null || paymentWindow.isZero() ? Duration.ofMinutes(10) : paymentWindow;
        expiryCheckInterval = expiryCheckInterval == null || expiryCheckInterval.isZero() ? Duration.ofSeconds(1)
                : expiryCheckInterval;
        stockLevelInterval = stockLevelInterval == null ? Duration.ofMillis(100) : stockLevelInterval;
        instance = instance == null || instance.isBlank() ? hostAndPid() : instance;
        requirePositive(numStreamThreads, "numStreamThreads");
        requirePositive(topicPartitions, "topicPartitions");
        requirePositive(replicationFactor, "replicationFactor");
        requirePositive(minInsyncReplicas, "minInsyncReplicas");
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive but was " + commitInterval);
        }
        if (promptCommitGap.isNegative()) {
            throw new IllegalArgumentException("promptCommitGap must not be negative but was " + promptCommitGap);
        }
        if (dedupeRetention.isNegative() || dedupeRetention.isZero()) {
            throw new IllegalArgumentException("dedupeRetention must be positive but was " + dedupeRetention);
        }
        if (!PaymentWindowSet.isValidWindow(paymentWindow)) {
            throw new IllegalArgumentException("paymentWindow must be between PT" + PaymentWindowSet.MIN_SECONDS
                    + "S and P" + PaymentWindowSet.MAX_DAYS + "D but was " + paymentWindow);
        }
        if (expiryCheckInterval.isNegative()) {
            throw new IllegalArgumentException("expiryCheckInterval must be positive but was " + expiryCheckInterval);
        }
        if (stockLevelInterval.isNegative()) {
            throw new IllegalArgumentException("stockLevelInterval must not be negative but was " + stockLevelInterval);
        }
    }

    /** The local defaults; change single values with the {@code with...} methods. */
    public static InventorySettings defaults() {
        return new InventorySettings(null, null, null, 0, null, null, null, 0, (short) 0, 0, null, null, null, null);
    }

    public InventorySettings withBootstrapServers(String bootstrapServers) {
        return new InventorySettings(bootstrapServers, applicationId, stateDir, numStreamThreads, commitInterval,
                promptCommitGap, dedupeRetention, topicPartitions, replicationFactor, minInsyncReplicas, paymentWindow,
                expiryCheckInterval, stockLevelInterval, instance);
    }

    public InventorySettings withApplicationId(String applicationId) {
        return new InventorySettings(bootstrapServers, applicationId, stateDir, numStreamThreads, commitInterval,
                promptCommitGap, dedupeRetention, topicPartitions, replicationFactor, minInsyncReplicas, paymentWindow,
                expiryCheckInterval, stockLevelInterval, instance);
    }

    public InventorySettings withStateDir(Path stateDir) {
        return new InventorySettings(bootstrapServers, applicationId, stateDir, numStreamThreads, commitInterval,
                promptCommitGap, dedupeRetention, topicPartitions, replicationFactor, minInsyncReplicas, paymentWindow,
                expiryCheckInterval, stockLevelInterval, instance);
    }

    public InventorySettings withPaymentWindow(Duration paymentWindow) {
        return new InventorySettings(bootstrapServers, applicationId, stateDir, numStreamThreads, commitInterval,
                promptCommitGap, dedupeRetention, topicPartitions, replicationFactor, minInsyncReplicas, paymentWindow,
                expiryCheckInterval, stockLevelInterval, instance);
    }

    public InventorySettings withTopicPartitions(int topicPartitions) {
        return new InventorySettings(bootstrapServers, applicationId, stateDir, numStreamThreads, commitInterval,
                promptCommitGap, dedupeRetention, topicPartitions, replicationFactor, minInsyncReplicas, paymentWindow,
                expiryCheckInterval, stockLevelInterval, instance);
    }

    public InventorySettings withStockLevelInterval(Duration stockLevelInterval) {
        return new InventorySettings(bootstrapServers, applicationId, stateDir, numStreamThreads, commitInterval,
                promptCommitGap, dedupeRetention, topicPartitions, replicationFactor, minInsyncReplicas, paymentWindow,
                expiryCheckInterval, stockLevelInterval, instance);
    }

    /** The window of products without one of their own: the setting {@code flashsale.inventory.payment-window}. */
    @Override
    public Duration defaultPaymentWindow() {
        return paymentWindow;
    }

    /** Unique among instances on one network, and what an operator finds the process by. */
    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
