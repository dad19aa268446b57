package dev.flashsale.launcher;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code bin/topics} does, through Kafka's own Admin and consumer clients: list the topics, describe one, and
 * print its records as JSON with their key, partition, offset, timestamp and headers. Values that are JSON are printed
 * as JSON; other bytes as text when they are UTF-8, else as Base64.
 */
final class TopicInspector implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final Admin admin;
    private final PrintStream out;
    private final PrintStream err;
    private volatile KafkaConsumer<byte[], byte[]> tailing;

    TopicInspector(String bootstrapServers, PrintStream out, PrintStream err) {
        this.bootstrapServers = bootstrapServers;
        this.out = out;
        this.err = err;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.admin = Admin.create(props);
    }

    /** One line per topic, internal ones left out: name, partitions, replication factor. */
    void list() throws ExecutionException, InterruptedException {
        Collection<String> names = new TreeSet<>(admin.listTopics().names().get());
        if (names.isEmpty()) {
            err.println("no topics on " + bootstrapServers);
            return;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        int width = names.stream().mapToInt(String::length).max().orElse(5);
        out.printf("%-" + width + "s  %10s  %8s%n", "TOPIC", "PARTITIONS", "REPLICAS");
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            out.printf("%-" + width + "s  %10d  %8d%n", name, description.partitions().size(),
                    description.partitions().get(0).replicas().size());
        }
    }

    /** The topic's partitions (leader, replicas, in-sync replicas, first and next offset) and its non-default config. */
    void describe(String topic) throws ExecutionException, InterruptedException {
        TopicDescription description = describeTopic(topic);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> earliest = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()))).all().get();
        Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

        ObjectNode json = NODES.objectNode();
        json.put("topic", topic);
        json.put("topicId", description.topicId().toString());
        json.put("internal", description.isInternal());
        ArrayNode partitionsJson = json.putArray("partitions");
        for (TopicPartitionInfo info : description.partitions()) {
            TopicPartition partition = new TopicPartition(topic, info.partition());
            ObjectNode p = partitionsJson.addObject();
            p.put("partition", info.partition());
            p.put("leader", info.leader() == null ? -1 : info.leader().id());
            ArrayNode replicas = p.putArray("replicas");
            info.replicas().forEach(node -> replicas.add(node.id()));
            ArrayNode isr = p.putArray("isr");
            info.isr().stream().map(Node::id).forEach(isr::add);
            p.put("earliestOffset", earliest.get(partition).offset());
            p.put("latestOffset", latest.get(partition).offset());
        }
        ObjectNode configJson = json.putObject("config");
        config.entries().stream()
                .filter(entry -> entry.source() != ConfigEntry.ConfigSource.DEFAULT_CONFIG
                        && entry.source() != ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG)
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(entry -> configJson.put(entry.name(), entry.isSensitive() ? "(sensitive)" : entry.value()));
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    /**
     * Prints the topic's committed records ({@code read_committed}: nothing of an aborted or open transaction) as they
     * arrive, from the end or the beginning, until {@code maxRecords} were printed (0: no limit), {@code stop} says so,
     * or {@link #stopTailing()} is called. Uses no consumer group: it assigns itself every partition and commits
     * nothing, so it never disturbs the services' groups.
     *
     * @param key only records with this key, or {@code null} for all
     */
    void tail(String topic, boolean fromBeginning, String key, long maxRecords, boolean compact,
            BooleanSupplier stop) throws ExecutionException, InterruptedException {
        describeTopic(topic); // fails clearly for a topic that does not exist
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "flashsale-topics-tail");
        byte[] wantedKey = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            tailing = consumer;
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position); // resolve the start now, so nothing sent from here on is missed
            err.printf("following %s (%d partitions) from the %s%s; Ctrl-C stops%n", topic, partitions.size(),
                    fromBeginning ? "beginning" : "end", key == null ? "" : ", key " + key);
            long printed = 0;
            while (!stop.getAsBoolean() && (maxRecords == 0 || printed < maxRecords)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (wantedKey != null && !Arrays.equals(wantedKey, record.key())) {
                        continue;
                    }
                    ObjectNode json = toJson(record);
                    out.println(compact ? JSON.writeValueAsString(json)
                            : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
                    out.flush();
                    if (maxRecords != 0 && ++printed >= maxRecords) {
                        break;
                    }
                }
            }
        } catch (WakeupException stopped) {
            // stopTailing() from another thread, such as the shutdown hook on Ctrl-C
        } finally {
            tailing = null;
        }
    }

    /** Ends a running {@link #tail} from another thread. */
    void stopTailing() {
        KafkaConsumer<byte[], byte[]> consumer = tailing;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    /** A record as JSON: where it is, when, its key and headers as text, and its value. */
    static ObjectNode toJson(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode json = NODES.objectNode();
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        json.set("key", bytes(record.key()));
        ObjectNode headers = json.putObject("headers");
        for (Header header : record.headers()) {
            headers.set(header.key(), bytes(header.value()));
        }
        json.set("value", value(record.value()));
        return json;
    }

    private static JsonNode value(byte[] value) {
        if (value == null) {
            return NODES.nullNode();
        }
        String text = utf8(value);
        if (text != null) {
            try {
                JsonNode parsed = JSON.readTree(text);
                if (parsed != null && (parsed.isObject() || parsed.isArray())) {
                    return parsed;
                }
            } catch (JacksonException notJson) {
                // printed as text below
            }
        }
        return bytes(value);
    }

    /** Text if the bytes are UTF-8, else {"base64": "..."}: never a guess that mangles the bytes. */
    private static JsonNode bytes(byte[] bytes) {
        if (bytes == null) {
            return NODES.nullNode();
        }
        String text = utf8(bytes);
        if (text != null) {
            return NODES.stringNode(text);
        }
        ObjectNode encoded = NODES.objectNode();
        encoded.put("base64", Base64.getEncoder().encodeToString(bytes));
        return encoded;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private TopicDescription describeTopic(String topic) throws ExecutionException, InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new NoSuchTopicException(topic, bootstrapServers);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** The topic asked for does not exist on the broker. */
    static final class NoSuchTopicException extends RuntimeException {

        NoSuchTopicException(String topic, String bootstrapServers) {
            super("no topic " + topic + " on " + bootstrapServers + " (bin/topics list shows the topics)");
        }
    }
}
