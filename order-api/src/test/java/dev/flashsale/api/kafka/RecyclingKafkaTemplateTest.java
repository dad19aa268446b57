package dev.flashsale.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * The producer behind the API's template, played by Kafka's {@link MockProducer}: which errors retire it, and that
 * the next send then goes through a new one.
 */
class RecyclingKafkaTemplateTest {

    private final List<MockProducer<String, String>> created = new CopyOnWriteArrayList<>();
    private final DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(Map.of()) {
        @Override
        protected Producer<String, String> createKafkaProducer() {
            MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
                    new StringSerializer());
            created.add(producer);
            return producer;
        }
    };
    private final RecyclingKafkaTemplate<String, String> template = new RecyclingKafkaTemplate<>(factory);

    static List<RuntimeException> fatalErrors() {
        return List.of(new ClusterAuthorizationException("the cluster denies idempotent writes"),
                new ProducerFencedException("another producer with a newer epoch"),
                new OutOfOrderSequenceException("the broker lost track of the sequence"));
    }

    static List<RuntimeException> errorsOfOneRecord() {
        return List.of(new TimeoutException("no acknowledgement in time"),
                new RecordTooLargeException("the record is larger than the broker accepts"),
                new TopicAuthorizationException("may not write this topic"));
    }

    @ParameterizedTest
    @MethodSource("fatalErrors")
    void replacesTheProducerWhenAnAcknowledgementCarriesAFatalError(RuntimeException fatal) {
        CompletableFuture<SendResult<String, String>> failed = send("first");

        created.get(0).errorNext(fatal);
        send("second");

        assertThat(failed).isCompletedExceptionally();
        assertThat(created).hasSize(2);
        assertThat(created.get(0).closed()).isTrue();
        assertThat(created.get(1).history()).extracting(ProducerRecord::value).containsExactly("second");
    }

    @Test
    void replacesTheProducerWhenSendItselfThrowsItsFatalState() {
        send("first");
        created.get(0).sendException = new KafkaException("Cannot perform send because at least one previous "
                + "transactional or idempotent request has failed with errors.",
                new ClusterAuthorizationException("the cluster denies idempotent writes"));

        assertThatThrownBy(() -> send("refused")).isInstanceOf(KafkaException.class);
        send("second");

        assertThat(created).hasSize(2);
        assertThat(created.get(0).closed()).isTrue();
        assertThat(created.get(1).history()).extracting(ProducerRecord::value).containsExactly("second");
    }

    @ParameterizedTest
    @MethodSource("errorsOfOneRecord")
    void keepsTheProducerWhenTheErrorBelongsToOneRecord(RuntimeException error) {
        CompletableFuture<SendResult<String, String>> failed = send("first");

        created.get(0).errorNext(error);
        send("second");

        assertThat(failed).isCompletedExceptionally();
        assertThat(created).hasSize(1);
        assertThat(created.get(0).closed()).isFalse();
        assertThat(created.get(0).history()).extracting(ProducerRecord::value).containsExactly("first", "second");
    }

    @Test
    void resetsOnceForABurstOfFailuresFromTheSameDeadProducer() {
        send("first");
        send("second");

        created.get(0).errorNext(new ClusterAuthorizationException("denied"));
        created.get(0).errorNext(new ClusterAuthorizationException("denied"));
        send("third");

        assertThat(created).hasSize(2);
        assertThat(created.get(1).closed()).isFalse();
    }

    private CompletableFuture<SendResult<String, String>> send(String value) {
        return template.send(new ProducerRecord<>("orders", 0, "key", value));
    }
}
