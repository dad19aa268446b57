package dev.flashsale.benchmark;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's own limit on this machine: {@code records} order requests, encoded exactly as the order API encodes
 * them (same value size, same headers), produced with the API's producer settings ({@code acks=all}, idempotent,
 * {@code linger.ms=0}) as fast as the producer takes them, and consumed by one consumer, through a fresh topic of
 * the given partition count. Nothing is decided: this is the ceiling any Kafka-based design shares.
 */
final class BrokerLimit {

    record Result(int partitions, long records, int valueBytes, double recordsPerSecond, double produceSeconds,
            Figures.Percentiles produceToConsume) {
    }

    private final String bootstrapServers;

    BrokerLimit(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Partitions of {@code flashsale.order-requests}: the parallelism flashsale's decisions can have. */
    static int partitionsOfOrderRequests(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeTopics(List.of(Topics.ORDER_REQUESTS.name())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.ORDER_REQUESTS.name()).partitions().size();
        }
    }

    Result measure(int partitions, long records, String runId) throws Exception {
        String topic = "flashsale-bench.broker-limit." + runId + ".p" + partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return run(topic, partitions, records);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Result run(String topic, int partitions, long records) throws Exception {
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        AtomicLong consumed = new AtomicLong();
        AtomicLong lastConsumedNanos = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        // Keys: one product for one partition; otherwise as many products as there are records, spread by the hash.
        try (KafkaConsumer<String, byte[]> consumer = consumer();
                KafkaProducer<String, byte[]> producer = producer()) {
            List<TopicPartition> assigned = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            assigned.forEach(consumer::position);
            Thread reader = new Thread(() -> {
                try {
                    while (consumed.get() < records) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            long nowMillis = System.currentTimeMillis();
                            latency.recordValue(Math.max(0, nowMillis - record.timestamp()) * 1000);
                            consumed.incrementAndGet();
                        }
                        lastConsumedNanos.set(System.nanoTime());
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "broker-limit-consumer");
            reader.start();

            ProductId hot = new ProductId(UUID.randomUUID().toString());
            Instant now = Instant.now();
            int valueBytes = 0;
            long start = System.nanoTime();
            for (long i = 0; i < records; i++) {
                ProductId product = partitions == 1 ? hot : new ProductId(UUID.randomUUID().toString());
                OrderRequestEvent event = new OrderLineRequested(UUID.randomUUID(), new OrderId(UUID.randomUUID()
                        .toString()), new CustomerId("b-limit-" + i), product, 1, now);
                RecordHeaders headers = new RecordHeaders();
                byte[] value = Topics.ORDER_REQUEST_SERDE.encode(headers, event);
                valueBytes = value.length;
                producer.send(new ProducerRecord<>(topic, null, product.value(), value, headers), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            double produceSeconds = (System.nanoTime() - start) / 1e9;
            reader.join(TimeUnit.MINUTES.toMillis(2));
            if (failure.get() != null) {
                throw failure.get();
            }
            if (consumed.get() < records) {
                throw new IllegalStateException("consumed " + consumed.get() + " of " + records + " records");
            }
            double seconds = (lastConsumedNanos.get() - start) / 1e9;
            return new Result(partitions, records, valueBytes, Math.round(records / seconds * 100) / 100.0,
                    Math.round(produceSeconds * 100) / 100.0, Figures.Percentiles.of(latency));
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return apiProducer(bootstrapServers);
    }

    /** The order API's producer settings (order-api application.yml), for every raw producer of the bench. */
    static KafkaProducer<String, byte[]> apiProducer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
