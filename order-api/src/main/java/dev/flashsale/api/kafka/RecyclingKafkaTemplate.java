package dev.flashsale.api.kafka;

import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.SendResult;

/**
 * A template whose producer is closed and re-created after an error that leaves it unusable, never reused.
 * <p>
 * The API's producer is idempotent. When it hits a fatal error (its sequence numbers broken, its epoch fenced, the
 * cluster refusing it the idempotent-write permission, an unsupported protocol version, failed authentication) the
 * Kafka client fails every later send with the same error, forever. spring-kafka's shared producer closes itself only
 * on {@link OutOfOrderSequenceException}, so after any other fatal error every order would be answered 503 until the
 * process restarts. Here such an error, whether {@code send} throws it or the acknowledgement carries it, resets the
 * factory: the dead producer is closed and the next send creates a fresh one. A failure that belongs to one record (a
 * timeout, a record too large, a topic the producer may not write) leaves the producer as it is.
 */
class RecyclingKafkaTemplate<K, V> extends KafkaTemplate<K, V> {

    private static final Logger log = LoggerFactory.getLogger(RecyclingKafkaTemplate.class);
    /** The records in flight on a dead producer all fail at once; one reset is enough for the lot. */
    private static final Duration ONE_RESET_PER = Duration.ofSeconds(1);

    private final AtomicLong lastReset = new AtomicLong(System.nanoTime() - ONE_RESET_PER.toNanos());

    RecyclingKafkaTemplate(ProducerFactory<K, V> producerFactory) {
        super(producerFactory);
        // The default listener logs every failed send with its stack trace at ERROR; the senders here report
        // failures themselves, once and with context.
        setProducerListener(new ProducerListener<>() {
            @Override
            public void onError(ProducerRecord<K, V> record, RecordMetadata metadata, Exception exception) {
                recycleIfFatal(exception);
            }
        });
    }

    @Override
    protected CompletableFuture<SendResult<K, V>> doSend(ProducerRecord<K, V> record, Observation observation) {
        try {
            return super.doSend(record, observation);
        } catch (RuntimeException e) {
            recycleIfFatal(e);
            throw e;
        }
    }

    private void recycleIfFatal(Throwable failure) {
        Throwable fatal = fatalCause(failure);
        if (fatal == null) {
            return;
        }
        long now = System.nanoTime();
        long last = lastReset.get();
        if (now - last >= ONE_RESET_PER.toNanos() && lastReset.compareAndSet(last, now)) {
            log.warn("Kafka producer hit a fatal error; closing it, the next send creates a new one: {}",
                    fatal.toString());
            getProducerFactory().reset();
        }
    }

    /** The error in the cause chain after which a producer cannot send again, or null. */
    static Throwable fatalCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApplicationRecoverableException || t instanceof OutOfOrderSequenceException
                    || t instanceof ClusterAuthorizationException || t instanceof TransactionalIdAuthorizationException
                    || t instanceof UnsupportedVersionException || t instanceof AuthenticationException) {
                return t;
            }
        }
        return null;
    }
}
