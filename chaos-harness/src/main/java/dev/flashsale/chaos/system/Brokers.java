package dev.flashsale.chaos.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;

/**
 * The run's Kafka: one KRaft node, or three as docker-compose.yml runs them (every node broker and controller, a
 * three-voter quorum, replication factor 3 with min.insync.replicas 2 for every topic, Kafka's own included, unclean
 * leader election off). It answers the questions a broker fault needs: who leads a partition, who coordinates a
 * transaction, and whether every replica is back in sync.
 */
public final class Brokers {

    /**
     * Low, so that a paused broker leaves the ISR within a short round; production keeps Kafka's 30 s. A follower
     * that is merely slow on a loaded machine drops out and comes back, which RF 3 with min ISR 2 rides out.
     */
    public static final Duration REPLICA_LAG_LIMIT = Duration.ofSeconds(5);

    private final List<Broker> nodes = new ArrayList<>();
    private int nextRestart;
    private Admin admin;

    Brokers(Artifacts artifacts, int count, java.nio.file.Path directory, java.nio.file.Path logs) {
        if (count != 1 && count != 3) {
            throw new IllegalArgumentException("1 or 3 brokers, not " + count);
        }
        for (int id = 1; id <= count; id++) {
            nodes.add(new Broker(artifacts, id, directory.resolve("kafka-" + id), logs));
        }
    }

    public int count() {
        return nodes.size();
    }

    /** For every topic the services create: as many replicas as brokers, at most 3. */
    public short replicationFactor() {
        return (short) Math.min(3, nodes.size());
    }

    public int minInsyncReplicas() {
        return nodes.size() == 1 ? 1 : 2;
    }

    public String bootstrapServers() {
        return nodes.stream().map(Broker::address).collect(Collectors.joining(","));
    }

    /** Where {@code client} bootstraps from: the proxies in front of its own listeners. */
    public String bootstrapServers(ProxiedClient client) {
        return nodes.stream().map(node -> node.address(client)).collect(Collectors.joining(","));
    }

    /**
     * Partitions {@code client} from every broker: its proxies blackhole every connection, open or new, until
     * {@link #heal}. The other clients and the brokers among themselves are not touched.
     */
    public void partition(ProxiedClient client) {
        nodes.forEach(node -> node.proxy(client).blackhole());
    }

    public void heal(ProxiedClient client) {
        nodes.forEach(node -> node.proxy(client).restore());
    }

    public List<Broker> nodes() {
        return List.copyOf(nodes);
    }

    public Broker node(int id) {
        return nodes.stream().filter(node -> node.nodeId() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + id));
    }

    /** Writes every node's configuration and formats its log directory with one cluster ID; once per run. */
    void format() {
        String clusterId = Uuid.randomUuid().toString();
        String quorum = nodes.stream().map(Broker::controllerAddress).collect(Collectors.joining(","));
        int replicas = replicationFactor();
        String settings = """
                controller.quorum.bootstrap.servers=%1$s
                default.replication.factor=%2$d
                min.insync.replicas=%3$d
                offsets.topic.replication.factor=%2$d
                transaction.state.log.replication.factor=%2$d
                transaction.state.log.min.isr=%3$d
                share.coordinator.state.topic.replication.factor=%2$d
                share.coordinator.state.topic.min.isr=%3$d
                unclean.leader.election.enable=false
                replica.lag.time.max.ms=%4$d
                """.formatted(quorum, replicas, minInsyncReplicas(), REPLICA_LAG_LIMIT.toMillis());
        if (nodes.size() > 1) {
            // Kafka's 50 partitions each, three times over, on a 2-core machine shared with the rest of the system.
            settings += "offsets.topic.num.partitions=10\ntransaction.state.log.num.partitions=10\n";
        }
        String controllers = nodes.size() == 1 ? null
                : nodes.stream().map(Broker::voter).collect(Collectors.joining(","));
        for (Broker node : nodes) {
            node.format(clusterId, settings, controllers);
        }
    }

    /** Starts every node at once (a quorum needs a majority to elect a leader), then waits for all to register. */
    void start() {
        List<CompletableFuture<Void>> started = nodes.stream()
                .map(node -> CompletableFuture.runAsync(node::start, runnable -> new Thread(runnable).start()))
                .toList();
        for (CompletableFuture<Void> each : started) {
            try {
                each.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        await("every broker registered", Duration.ofMinutes(2),
                () -> ask(a -> a.describeCluster().nodes().get().size()) == nodes.size());
    }

    /**
     * A clean restart of one node, in turn, as a rolling restart would do it; then waits until every replica is in
     * sync again, so that the next fault never finds a partition with fewer than {@code min.insync.replicas}.
     */
    public void restart() {
        Broker node = nodes.get(nextRestart++ % nodes.size());
        node.restart();
        awaitInSync(Duration.ofMinutes(2));
    }

    /** {@code kill -9} of one node, a start on the same log directory, and the wait until it is in sync again. */
    public void killAndRestart(int nodeId) {
        node(nodeId).killAndRestart();
        awaitInSync(Duration.ofMinutes(2));
    }

    /** The node that leads the partition of {@code topic} that records with this key go to. */
    public int leaderFor(String topic, String key) {
        org.apache.kafka.common.Node leader = partitionFor(topic, key).leader();
        if (leader == null) {
            throw new IllegalStateException("the partition of " + topic + " for " + key + " has no leader");
        }
        return leader.id();
    }

    /**
     * Waits until the node is out of the ISR of the partition of {@code topic} for this key, as its leader decides
     * once the node has not fetched for {@link #REPLICA_LAG_LIMIT}; false if it still is after {@code timeout}.
     */
    public boolean awaitOutOfSync(String topic, String key, int nodeId, Duration timeout) {
        try {
            await("broker " + nodeId + " out of the ISR", timeout, () -> partitionFor(topic, key).isr().stream()
                    .noneMatch(replica -> replica.id() == nodeId));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private TopicPartitionInfo partitionFor(String topic, String key) {
        return ask(a -> {
            TopicDescription description = a.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
                    % description.partitions().size();
            return description.partitions().get(partition);
        });
    }

    /**
     * The node that coordinates the transactions of a transactional ID starting with {@code prefix}: an open
     * transaction's if there is one, else the first such ID's.
     */
    public int transactionCoordinator(String prefix) {
        return ask(a -> {
            List<TransactionListing> listings = a.listTransactions().all().get().stream()
                    .filter(listing -> listing.transactionalId().startsWith(prefix))
                    .sorted(Comparator.comparing((TransactionListing listing) ->
                            listing.state() != TransactionState.ONGOING).thenComparing(
                                    TransactionListing::transactionalId))
                    .toList();
            if (listings.isEmpty()) {
                throw new IllegalStateException("no transactional ID starts with " + prefix);
            }
            String id = listings.get(0).transactionalId();
            return a.describeTransactions(List.of(id)).description(id).get().coordinatorId();
        });
    }

    /**
     * Has the brokers stamp the records of {@code topic} with their own clock from now on
     * ({@code message.timestamp.type=LogAppendTime}): true time for a check, where the writer's clock is suspect.
     */
    public void stampWithAppendTime(String topic) {
        ask(a -> a.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                        TimestampType.LOG_APPEND_TIME.name), AlterConfigOp.OpType.SET)))).all().get());
    }

    /**
     * How many members of the consumer group have a client ID starting with {@code clientIdPrefix}, in whatever state
     * the group is: a member is listed from its join on, before it has an assignment, so nothing it writes as a member
     * can come before it is listed.
     */
    public int members(String group, String clientIdPrefix) {
        return ask(a -> count(describe(a, group), clientIdPrefix));
    }

    /**
     * How many members of the consumer group have a client ID starting with {@code clientIdPrefix}, once the group is
     * stable (every member has its assignment); -1 while it rebalances.
     */
    public int stableMembers(String group, String clientIdPrefix) {
        return ask(a -> {
            ConsumerGroupDescription description = describe(a, group);
            return description.groupState() == GroupState.STABLE ? count(description, clientIdPrefix) : -1;
        });
    }

    private static ConsumerGroupDescription describe(Admin admin, String group)
            throws ExecutionException, InterruptedException {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
    }

    private static int count(ConsumerGroupDescription group, String clientIdPrefix) {
        return (int) group.members().stream().filter(member -> member.clientId().startsWith(clientIdPrefix)).count();
    }

    /** Waits until the group is stable with a count of such members that {@code wanted} accepts. */
    public void awaitStableMembers(String group, String clientIdPrefix, IntPredicate wanted, Duration timeout) {
        await("group " + group + " stable with the wanted count of " + clientIdPrefix + "*", timeout, () -> {
            int count = stableMembers(group, clientIdPrefix);
            return count >= 0 && wanted.test(count);
        });
    }

    /** The end (the high watermark) of every partition of {@code topics}, now. */
    public Map<TopicPartition, Long> endOffsets(List<String> topics) {
        return ask(a -> {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            a.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            a.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        });
    }

    /** Waits until every partition, Kafka's own included, has a leader and all its replicas in sync. */
    public void awaitInSync(Duration timeout) {
        await("every replica in sync", timeout, () -> ask(a -> {
            var names = a.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            Map<String, TopicDescription> topics = a.describeTopics(names).allTopicNames().get();
            return topics.values().stream().flatMap(topic -> topic.partitions().stream())
                    .allMatch(Brokers::inSync);
        }));
    }

    private static boolean inSync(TopicPartitionInfo partition) {
        return partition.leader() != null && partition.isr().size() == partition.replicas().size();
    }

    private interface Question<T> {
        T ask(Admin admin) throws ExecutionException, InterruptedException, TimeoutException;
    }

    private synchronized <T> T ask(Question<T> question) {
        if (admin == null) {
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
            admin = Admin.create(config);
        }
        try {
            return question.ask(admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the brokers did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (IllegalStateException e) {
                // a broker still starting; ask again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not " + what + " within " + timeout);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    void stop() {
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
                admin = null;
            }
        }
        // All at once: stopped one by one, the last would wait in vain for a quorum to hear its controlled shutdown.
        nodes.stream().map(node -> CompletableFuture.runAsync(node::stop, runnable -> new Thread(runnable).start()))
                .toList().forEach(CompletableFuture::join);
        nodes.forEach(Broker::closeProxies);
    }
}
