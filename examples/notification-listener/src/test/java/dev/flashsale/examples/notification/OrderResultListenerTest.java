package dev.flashsale.examples.notification;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The example on a real broker, fed the way the inventory processor writes: in transactions, with type headers. */
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 1, topics = "flashsale.order-results", brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
class OrderResultListenerTest {

    private static final Instant REQUESTED = Instant.parse("2026-12-12T00:00:00Z");

    @MockitoBean
    Notifier notifier;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void tellsBuyersOfCommittedDecisionsOnlyAndSkipsWhatItCannotRead() throws Exception {
        OrderAccepted accepted = new OrderAccepted(UUID.randomUUID(), OrderId.random(), new CustomerId("ann"),
                new ProductId("phone"), 1, REQUESTED, REQUESTED.plusMillis(20));
        OrderRejected aborted = rejected("bob");
        OrderRejected rejected = rejected("cid");

        try (KafkaProducer<String, OrderResult> decisions = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "example-" + UUID.randomUUID()),
                new StringSerializer(), Topics.ORDER_RESULT_SERDE.serializer())) {
            decisions.initTransactions();
            send(decisions, accepted, true);
            send(decisions, aborted, false);
        }
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> fromTheFuture = new ProducerRecord<>(Topics.ORDER_RESULTS.name(), "o-9",
                    "{}".getBytes(StandardCharsets.UTF_8));
            fromTheFuture.headers().add(EventHeaders.EVENT_TYPE, "OrderAccepted".getBytes(StandardCharsets.UTF_8));
            fromTheFuture.headers().add(EventHeaders.SCHEMA_VERSION, "2".getBytes(StandardCharsets.UTF_8));
            raw.send(fromTheFuture).get();
        }
        try (KafkaProducer<String, OrderResult> decisions = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "example-" + UUID.randomUUID()),
                new StringSerializer(), Topics.ORDER_RESULT_SERDE.serializer())) {
            decisions.initTransactions();
            send(decisions, rejected, true);
        }

        verify(notifier, timeout(30_000)).orderConfirmed(accepted);
        verify(notifier, timeout(30_000)).orderRejected(rejected);
        verify(notifier, after(1_000).never()).orderRejected(aborted);
        verify(notifier, times(1)).orderConfirmed(any(OrderAccepted.class));
    }

    private static OrderRejected rejected(String customer) {
        return new OrderRejected(UUID.randomUUID(), OrderId.random(), new CustomerId(customer),
                new ProductId("phone"), 1, RejectionReason.OUT_OF_STOCK, REQUESTED, REQUESTED.plusMillis(25));
    }

    private static void send(KafkaProducer<String, OrderResult> producer, OrderResult result, boolean commit)
            throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(Topics.ORDER_RESULTS.name(), result.orderId().value(), result)).get();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }
}
