package dev.flashsale.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** bin/topics' Java part against a real KRaft broker, with records as the services write them. */
@EmbeddedKafka(brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1"})
class TopicsCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RESULTS = "flashsale.order-results";
    private static final String LEVELS = "flashsale.stock-levels";

    private static String brokers;

    @BeforeAll
    static void createTopics() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        brokers = broker.getBrokersAsString();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(RESULTS, 3, (short) 1),
                    new NewTopic(LEVELS, 2, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void listsTheTopicsWithTheirPartitionsAndReplicas() {
        Result result = run("list");

        assertThat(result.exit()).isZero();
        assertThat(result.out().lines()).first().asString().startsWith("TOPIC");
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line.split("\\s+"))
                .containsExactly(RESULTS, "3", "1"));
        assertThat(result.out()).doesNotContain("__consumer_offsets");
    }

    @Test
    void describesPartitionsOffsetsAndTheConfigThatIsNotTheDefault() throws Exception {
        String product = "p-" + UUID.randomUUID();
        send(LEVELS, product, "{\"productId\":\"" + product + "\",\"available\":3}", Map.of("event-type", "StockLevel"));

        Result result = run("describe", LEVELS);

        assertThat(result.exit()).isZero();
        JsonNode description = JSON.readTree(result.out());
        assertThat(description.get("topic").asString()).isEqualTo(LEVELS);
        assertThat(description.get("partitions")).hasSize(2).allSatisfy(partition -> {
            assertThat(partition.get("leader").asInt()).isNotNegative();
            assertThat(partition.get("isr")).hasSize(1);
        });
        long records = 0;
        for (JsonNode partition : description.get("partitions")) {
            records += partition.get("latestOffset").asLong() - partition.get("earliestOffset").asLong();
        }
        assertThat(records).isPositive();
        assertThat(description.get("config").get("cleanup.policy").asString()).isEqualTo("compact");
    }

    @Test
    void tailsCommittedRecordsAsJsonWithKeyPartitionOffsetHeadersAndValue() throws Exception {
        String order = "order-" + UUID.randomUUID();
        // An aborted decision first: a read_committed reader never sees it.
        try (KafkaProducer<String, byte[]> transactional = producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tail-test-" + UUID.randomUUID()))) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(record(RESULTS, order, "{\"orderId\":\"" + order + "\",\"aborted\":true}",
                    Map.of("event-type", "OrderAccepted"))).get();
            transactional.abortTransaction();
        }
        send(RESULTS, order, "{\"orderId\":\"" + order + "\",\"reason\":\"OUT_OF_STOCK\"}",
                Map.of("event-type", "OrderRejected", "schema-version", "1", "order-id", order));

        Result result = run("tail", RESULTS, "--from-beginning", "--key", order, "--max", "1", "--compact");

        assertThat(result.exit()).isZero();
        assertThat(result.out().lines()).singleElement().satisfies(line -> {
            JsonNode record = JSON.readTree(line);
            assertThat(record.get("topic").asString()).isEqualTo(RESULTS);
            assertThat(record.get("key").asString()).isEqualTo(order);
            assertThat(record.get("partition").asInt()).isBetween(0, 2);
            assertThat(record.get("offset").asLong()).isNotNegative();
            assertThat(record.get("timestamp").asString()).endsWith("Z");
            assertThat(record.get("headers").get("event-type").asString()).isEqualTo("OrderRejected");
            assertThat(record.get("headers").get("order-id").asString()).isEqualTo(order);
            assertThat(record.get("value").get("reason").asString()).isEqualTo("OUT_OF_STOCK");
            assertThat(record.get("value").has("aborted")).isFalse();
        });
        assertThat(result.err()).contains("following " + RESULTS + " (3 partitions) from the beginning");
    }

    @Test
    void printsAValueThatIsNotJsonAsTextAndBinaryAsBase64() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        send(RESULTS, key, "not json", Map.of("dlq-reason", "UNREADABLE"));
        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(RESULTS, key, new byte[] {(byte) 0xC3, (byte) 0x28})).get();
        }

        Result result = run("tail", RESULTS, "--from-beginning", "--key", key, "--max", "2", "--compact");

        assertThat(result.out().lines()).extracting(line -> JSON.readTree(line).get("value").toString())
                .containsExactly("\"not json\"", "{\"base64\":\"wyg=\"}");
    }

    @Test
    void followsRecordsSentAfterItStarted() throws Exception {
        String order = "later-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() -> TopicsCommand.run(
                new String[] {"--bootstrap", brokers, "tail", RESULTS, "--key", order, "--max", "1"},
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> err.toString(StandardCharsets.UTF_8).contains("from the end"));

        send(RESULTS, order, "{\"orderId\":\"" + order + "\"}", Map.of("event-type", "OrderAccepted"));

        assertThat(tail.get(30, TimeUnit.SECONDS)).isZero();
        JsonNode record = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(record.get("value").get("orderId").asString()).isEqualTo(order);
    }

    @Test
    void saysWhichTopicIsMissing() {
        Result result = run("tail", "flashsale.no-such-topic");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("no topic flashsale.no-such-topic");
    }

    @Test
    void explainsItsUsageWhenTheCommandIsWrong() {
        assertThat(run("tail").exit()).isEqualTo(2);
        assertThat(run("list", "--from-beginning").exit()).isEqualTo(2);
        Result result = run("drop", RESULTS);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("unknown command drop", "usage: bin/topics");
    }

    @Test
    void takesTheBrokerFromTheEnvironmentWhenNoneIsGiven() {
        assertThat(TopicsCommand.Arguments.parse(new String[] {"list"}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1"))
                .bootstrap()).isEqualTo("k:1");
        assertThat(TopicsCommand.Arguments.parse(new String[] {"list"}, Map.of()).bootstrap())
                .isEqualTo("localhost:9092");
        assertThat(TopicsCommand.Arguments.parse(new String[] {"--bootstrap", "b:2", "list"},
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1")).bootstrap()).isEqualTo("b:2");
    }

    record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withBroker = new String[args.length + 2];
        withBroker[0] = "--bootstrap";
        withBroker[1] = brokers;
        System.arraycopy(args, 0, withBroker, 2, args.length);
        int exit = TopicsCommand.run(withBroker, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void send(String topic, String key, String value, Map<String, String> headers) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            producer.send(record(topic, key, value, headers)).get();
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String value,
            Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
                value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
