package dev.flashsale.api.kafka;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.Topic;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes one event and waits until the broker has acknowledged it ({@code acks=all}), so that a caller never
 * reports success for an event that Kafka could still lose.
 */
@Component
public class EventPublisher {

    /** The log context key of the order a log line is about, here and in the request path. */
    public static final String MDC_ORDER_ID = "orderId";

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaTemplate<String, Object> template;
    private final Duration timeout;

    public EventPublisher(KafkaTemplate<String, Object> template, PublishSettings settings) {
        this.template = template;
        this.timeout = settings.timeout();
        Object delivery = template.getProducerFactory().getConfigurationProperties()
                .get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        if (delivery != null && Long.parseLong(delivery.toString()) >= timeout.toMillis()) {
            // Then a request can give up and undo its order while the producer still retries the event, which may
            // land after the client was told to retry: the order would exist without its Idempotency-Key.
            log.warn("{} ({} ms) should be below flashsale.publish.timeout ({} ms)",
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery, timeout.toMillis());
        }
    }

    /**
     * Encodes the event with the topic's own serde, type headers included, and sends it.
     *
     * @throws PublishFailedException if the broker refused the record or did not answer within the publish timeout
     */
    public <V> void publish(Topic<String, V> topic, String key, V event) {
        publishAll(topic, ignored -> key, List.of(event));
    }

    /**
     * Sends every event at once, then waits for all acknowledgements within one publish timeout, so that the lines of
     * a cart cost one round trip to the broker, not one each.
     *
     * @throws PublishFailedException if the broker refused a record or did not acknowledge them all within the
     *                                publish timeout; some may have been written
     */
    public <V> void publishAll(Topic<String, V> topic, Function<? super V, String> key, List<? extends V> events) {
        await(sendAll(topic, key, events));
    }

    /**
     * Sends every event at once without waiting: the future completes when the broker has acknowledged them all, with
     * where each was written (in the order of the events), or fails with a {@link PublishFailedException} (already
     * logged) when it refused one. Wait for it with {@link #await}, which bounds the wait by the publish timeout.
     */
    public <V> CompletableFuture<List<RecordMetadata>> sendAll(Topic<String, V> topic,
            Function<? super V, String> key, List<? extends V> events) {
        @SuppressWarnings("unchecked")
        CompletableFuture<SendResult<String, Object>>[] acks = new CompletableFuture[events.size()];
        String orderId = null;
        String lastKey = null;
        try {
            for (int i = 0; i < acks.length; i++) {
                V event = events.get(i);
                lastKey = key.apply(event);
                RecordHeaders headers = new RecordHeaders();
                byte[] value = topic.valueSerde().serializer().serialize(topic.name(), headers, event);
                // The serde names the order of an order event in a header; a failure's log line names it too.
                orderId = EventHeaders.get(headers, EventHeaders.ORDER_ID);
                acks[i] = template.send(new ProducerRecord<>(topic.name(), null, lastKey, value, headers));
            }
        } catch (RuntimeException e) {
            // send() itself throws when the producer cannot get metadata within max.block.ms.
            return CompletableFuture.failedFuture(failed(topic, lastKey, orderId, e));
        }
        String failedKey = lastKey;
        String failedOrderId = orderId;
        return CompletableFuture.allOf(acks)
                .thenApply(done -> Arrays.stream(acks).map(ack -> ack.join().getRecordMetadata()).toList())
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        failed(topic, failedKey, failedOrderId, e instanceof CompletionException ? e.getCause() : e)));
    }

    /**
     * Waits for a {@link #sendAll} within the publish timeout.
     *
     * @throws PublishFailedException if the broker refused a record or did not acknowledge within the timeout
     */
    public void await(CompletableFuture<?> acknowledged) {
        try {
            acknowledged.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while waiting for Kafka's acknowledgement", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PublishFailedException failure ? failure
                    : new PublishFailedException("Kafka did not acknowledge", e.getCause());
        } catch (TimeoutException e) {
            log.warn("Kafka did not acknowledge within {}", timeout);
            throw new PublishFailedException("Kafka did not acknowledge within " + timeout, e);
        }
    }

    /**
     * The partitions of the topic as the producer's metadata has them; the first call for a topic may wait for the
     * broker as a send would (at most {@code max.block.ms}). 0 if the producer cannot tell.
     */
    public int partitionsKnown(Topic<?, ?> topic) {
        try {
            return template.partitionsFor(topic.name()).size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** How long {@link #await} waits. */
    public Duration timeout() {
        return timeout;
    }

    private static PublishFailedException failed(Topic<?, ?> topic, String key, String orderId, Throwable cause) {
        try (MDC.MDCCloseable ignored = orderId == null ? null : MDC.putCloseable(MDC_ORDER_ID, orderId)) {
            warn(topic, key, cause);
        }
        return new PublishFailedException("Kafka did not acknowledge the event on " + topic.name(), cause);
    }

    private static void warn(Topic<?, ?> topic, String key, Throwable cause) {
        log.warn("Kafka did not acknowledge a record for {} with key {}: {}", topic.name(), key,
                NestedExceptionUtils.getMostSpecificCause(cause).toString());
    }
}
