package dev.flashsale.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics an application needs before it starts, so a fresh broker needs no manual step. Both
 * applications call it; whichever comes first creates, the other finds them. Existing topics are checked, not
 * altered: a co-partitioning mismatch fails the start rather than silently splitting a product across partitions.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * @param partitions        partitions of every topic
     * @param replicationFactor 1 for a single local broker; 3 in production, with {@code minInsyncReplicas} 2
     * @return the partitions the product and order topics have, which may differ from {@code partitions} for topics
     *         that existed already
     */
    public static int ensure(Admin admin, Collection<Topic<?, ?>> topics, int partitions, short replicationFactor,
            int minInsyncReplicas, long timeoutMillis) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> newTopic(topic, partitions, replicationFactor, minInsyncReplicas))
                    .toList();
            if (!missing.isEmpty()) {
                createIgnoringRaces(admin, missing, timeoutMillis);
                log.info("Created topics {} with {} partitions, replication factor {}",
                        missing.stream().map(NewTopic::name).toList(), partitions, replicationFactor);
            }
            return requireCoPartitioned(admin, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create or describe the flashsale topics", e);
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, int partitions, short replicationFactor,
            int minInsyncReplicas) {
        Map<String, String> config = new java.util.HashMap<>(topic.config());
        config.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        return new NewTopic(topic.name(), partitions, replicationFactor).configs(config);
    }

    private static void createIgnoringRaces(Admin admin, List<NewTopic> missing, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        var futures = admin.createTopics(missing).values();
        for (var future : futures.values()) {
            try {
                future.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static int requireCoPartitioned(Admin admin, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        requireCoPartitioned(admin, timeoutMillis, Topics.ORDER_REQUESTS, Topics.STOCK_ADJUSTMENTS,
                "a product's requests and stock meet in one task");
        requireCoPartitioned(admin, timeoutMillis, Topics.ORDER_RESULTS, Topics.ORDER_COMMANDS,
                "an order's line results and its buyer's commands meet in one task");
        return requireCoPartitioned(admin, timeoutMillis, Topics.ORDER_REQUESTS, Topics.ORDER_RESULTS,
                "a line whose order falls on its product's partition is decided whole in one task (OrderPartitions)");
    }

    private static int requireCoPartitioned(Admin admin, long timeoutMillis, Topic<?, ?> one, Topic<?, ?> other,
            String why) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described = describe(admin, List.of(one.name(), other.name()), timeoutMillis);
        int ones = described.get(one.name()).partitions().size();
        int others = described.get(other.name()).partitions().size();
        if (ones != others) {
            throw new IllegalStateException(one.name() + " has " + ones + " partitions but " + other.name() + " has "
                    + others + "; they must be co-partitioned so " + why);
        }
        return ones;
    }

    /**
     * Describes topics that may have been created a moment ago, by this or another application: until the broker's
     * metadata has them, a describe fails with {@link UnknownTopicOrPartitionException}, so it is asked again.
     */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
