package dev.flashsale.api.kafka;

import dev.flashsale.events.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.RetryListener;

/** Tells operators what the read model's error handler does: which records it dead-letters, which batches wait. */
final class ReadModelFailureLog implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(ReadModelFailureLog.class);

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
        log.debug("Record {}-{}@{} failed (attempt {})", record.topic(), record.partition(), record.offset(),
                deliveryAttempt, exception);
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
        var headers = DeadLetters.headers(record, exception);
        String orderId = EventHeaders.get(record.headers(), EventHeaders.ORDER_ID);
        try (MDC.MDCCloseable ignored = orderId == null ? null
                : MDC.putCloseable(EventPublisher.MDC_ORDER_ID, orderId)) {
            log.warn("Sent poison record {}-{}@{} to the dead-letter topic: {}: {}", record.topic(),
                    record.partition(), record.offset(), EventHeaders.get(headers, EventHeaders.DLQ_REASON),
                    EventHeaders.get(headers, EventHeaders.DLQ_ERROR));
        }
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        log.error("Could not dead-letter record {}-{}@{}; it will be redelivered", record.topic(),
                record.partition(), record.offset(), failure);
    }

    @Override
    public void failedDelivery(ConsumerRecords<?, ?> records, Exception exception, int deliveryAttempt) {
        if (namesPoisonRecord(exception)) {
            return; // reported by recovered(record, ...) once it is dead-lettered
        }
        log.warn("Could not apply {} records to the read model (attempt {}); retrying: {}", records.count(),
                deliveryAttempt, NestedExceptionUtils.getMostSpecificCause(exception).toString());
    }

    private static boolean namesPoisonRecord(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BatchListenerFailedException) {
                return true;
            }
        }
        return false;
    }
}
