package dev.flashsale.api.kafka;

import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.PoisonRecordException;
import dev.flashsale.events.Topic;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds a batch of records to a {@link ReadModelWriter} and tells the error handler exactly which record is poison,
 * so that only that record goes to the dead-letter topic. Anything else it throws (a database that is down) fails
 * the whole batch, which the error handler retries until it succeeds.
 */
final class ReadModelBatchListener<V> implements BatchMessageListener<String, V> {

    private static final LogAccessor LOG = new LogAccessor(ReadModelBatchListener.class);

    private final Topic<String, V> topic;
    private final ReadModelWriter<V> writer;
    private final TransactionTemplate transactions;
    private final List<ReadModelObserver> observers;

    ReadModelBatchListener(Topic<String, V> topic, ReadModelWriter<V> writer, TransactionTemplate transactions,
            List<ReadModelObserver> observers) {
        this.topic = topic;
        this.writer = writer;
        this.transactions = transactions;
        this.observers = List.copyOf(observers);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, V>> records) {
        List<V> events = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, V> record = records.get(index);
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            if (unreadable != null || record.value() == null) {
                // The records before it are applied now: the error handler commits their offsets and dead-letters
                // this one, then redelivers the rest.
                write(events);
                Exception cause = unreadable != null
                        ? unreadable
                        : new PoisonRecordException(PoisonReason.UNREADABLE, "record has no value");
                throw new BatchListenerFailedException("unreadable record", cause, index);
            }
            events.add(record.value());
        }
        write(events);
    }

    private void write(List<V> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> writer.write(events));
            applied(events);
        } catch (DataIntegrityViolationException batchFailure) {
            // An event the schema refuses would fail every retry of the batch; apply the events one at a time to
            // find it, and dead-letter only it. Those before it stay applied, those after it are redelivered.
            for (int index = 0; index < events.size(); index++) {
                List<V> one = List.of(events.get(index));
                try {
                    transactions.executeWithoutResult(status -> writer.write(one));
                    applied(one);
                } catch (DataIntegrityViolationException e) {
                    throw new BatchListenerFailedException("event violates the read model's constraints",
                            new PoisonRecordException(PoisonReason.INVALID_EVENT, mostSpecificMessage(e), e), index);
                }
            }
            // Each event applied on its own: the batch is done.
        }
    }

    private void applied(List<V> events) {
        for (ReadModelObserver observer : observers) {
            try {
                observer.applied(topic, events);
            } catch (RuntimeException e) {
                LOG.warn(e, () -> "A read model observer failed on " + events.size() + " events of " + topic.name());
            }
        }
    }

    private static String mostSpecificMessage(DataIntegrityViolationException e) {
        Throwable cause = e.getMostSpecificCause();
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
