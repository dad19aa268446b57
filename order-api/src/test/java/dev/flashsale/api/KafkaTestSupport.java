package dev.flashsale.api;

import dev.flashsale.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** Plain Kafka clients for tests: read a topic from the start, write records as the inventory processor would. */
public final class KafkaTestSupport {

    private static final Duration READ_LIMIT = Duration.ofSeconds(20);

    /**
     * The test context's own broker. Not {@code ${spring.kafka.bootstrap-servers}}: {@code @EmbeddedKafka} publishes
     * that as a JVM-wide system property, so once a second context has started its broker, a test class that reuses
     * the first (cached) context would read and write the second context's broker while its API and processor use
     * the first.
     */
    public static final String OWN_BROKER = "#{@" + EmbeddedKafkaBroker.BEAN_NAME + ".brokersAsString}";

    /**
     * The inventory processor's consumer group in the tests: the one whose lag {@link WholeOrderApiTest} has the sale
     * summary report, and the one the processor the end-to-end tests run beside the API joins. Each test context has
     * a broker of its own, so one name serves them all.
     */
    public static final String PROCESSOR_APPLICATION_ID = "e2e-inventory";

    private KafkaTestSupport() {
    }

    /**
     * Every committed record of the topic, decoded with the topic's own serdes. Reads up to the end offsets taken
     * when it starts, so it sees everything a producer had been acknowledged for before the call.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, Topic<K, V> topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic.name() + " to its end within " + READ_LIMIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A producer that writes with the topic's serdes, acknowledged by all replicas. */
    public static <V> KafkaProducer<String, V> producer(String bootstrapServers, Topic<String, V> topic) {
        return new KafkaProducer<>(producerConfig(bootstrapServers, Map.of()), topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    /** Writes one record and waits for its acknowledgement, as the inventory processor would have written it. */
    public static <V> void send(String bootstrapServers, Topic<String, V> topic, String key, V value) {
        try (KafkaProducer<String, V> producer = producer(bootstrapServers, topic)) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic.name(), e);
        }
    }

    /** A transactional producer, as the inventory processor writes results with exactly-once. */
    public static <V> KafkaProducer<String, V> transactionalProducer(String bootstrapServers,
            Topic<String, V> topic) {
        KafkaProducer<String, V> producer = new KafkaProducer<>(producerConfig(bootstrapServers,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID())),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
        producer.initTransactions();
        return producer;
    }

    /** Writes raw bytes, for records no serde would produce. */
    public static void sendRaw(String bootstrapServers, ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers, Map.of()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send a raw record", e);
        }
    }

    private static Map<String, Object> producerConfig(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(extra);
        return config;
    }
}
