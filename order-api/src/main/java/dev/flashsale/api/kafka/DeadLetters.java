package dev.flashsale.api.kafka;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** The contract's {@code dlq-*} headers for a record that goes to {@code Topics.DEAD_LETTERS}. */
public final class DeadLetters {

    static final int MAX_ERROR_LENGTH = 500;

    private static final LogAccessor LOG = new LogAccessor(DeadLetters.class);

    private DeadLetters() {
    }

    static Headers headers(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = poisonCause(record, exception);
        Headers headers = new RecordHeaders();
        EventHeaders.put(headers, EventHeaders.DLQ_REASON, reason(cause).name());
        EventHeaders.put(headers, EventHeaders.DLQ_ERROR, error(cause));
        EventHeaders.put(headers, EventHeaders.DLQ_SOURCE_TOPIC, record.topic());
        EventHeaders.put(headers, EventHeaders.DLQ_SOURCE_PARTITION, Integer.toString(record.partition()));
        EventHeaders.put(headers, EventHeaders.DLQ_SOURCE_OFFSET, Long.toString(record.offset()));
        return headers;
    }

    /** Why the record is dead-lettered: the value of its {@code dlq-reason} header. */
    public static PoisonReason reason(ConsumerRecord<?, ?> record, Exception exception) {
        return reason(poisonCause(record, exception));
    }

    /** The most telling exception: the contract's own, else the deserializer's, else the one thrown. */
    private static Throwable poisonCause(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable found = find(exception, PoisonRecordException.class);
        if (found != null) {
            return found;
        }
        DeserializationException header = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (header != null) {
            Throwable inHeader = find(header, PoisonRecordException.class);
            return inHeader != null ? inHeader : header;
        }
        found = find(exception, DeserializationException.class);
        return found != null ? found : exception;
    }

    private static PoisonReason reason(Throwable cause) {
        if (cause instanceof PoisonRecordException poison) {
            return poison.reason();
        }
        return cause instanceof DeserializationException ? PoisonReason.UNREADABLE : PoisonReason.INVALID_EVENT;
    }

    private static String error(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH);
    }

    private static Throwable find(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
