package dev.flashsale.inventory.topology;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.EventSerde;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.PoisonRecordException;
import dev.flashsale.events.ProductId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door every input record passes: it becomes a typed event keyed by its own ID (the product's on the product
 * side, the order's on the order side), or a dead letter. Bad data
 * never throws from here, because an exception would fail the task and the same record would fail it again on every
 * restart.
 *
 * @param <E> the input stream's event type
 */
final class Intake<E> {

    /** Metric group {@code stream-flashsale-inventory-metrics}; the entity tag names the input stream. */
    static final String METRICS_SCOPE = "flashsale-inventory";
    static final String DUPLICATE_DROPPED = "duplicate-dropped";
    static final String DEAD_LETTERED = "dead-lettered";
    /** Stock levels published: at once, or the latest of several changes (see {@link StockLevels}). */
    static final String STOCK_LEVEL_UPDATES = "stock-level-updates";
    static final int MAX_ERROR_LENGTH = 500;

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final ProcessorContext<String, Outcome> context;
    private final EventSerde<E> serde;
    private final Function<E, String> keyOf;
    private final String keyName;
    private final Sensor duplicates;
    private final Sensor deadLetters;

    private Intake(ProcessorContext<String, Outcome> context, EventSerde<E> serde, Function<E, String> keyOf,
            String keyName, String entity) {
        this.context = context;
        this.serde = serde;
        this.keyOf = keyOf;
        this.keyName = keyName;
        this.duplicates = context.metrics().addRateTotalSensor(METRICS_SCOPE, entity, DUPLICATE_DROPPED,
                Sensor.RecordingLevel.INFO);
        this.deadLetters = context.metrics().addRateTotalSensor(METRICS_SCOPE, entity, DEAD_LETTERED,
                Sensor.RecordingLevel.INFO);
    }

    /** A door for a stream keyed by product ID. */
    static <E> Intake<E> keyedByProduct(ProcessorContext<String, Outcome> context, EventSerde<E> serde,
            Function<E, ProductId> productOf, String entity) {
        return new Intake<>(context, serde, event -> productOf.apply(event).value(), "productId", entity);
    }

    /** A door for a stream keyed by order ID. */
    static <E> Intake<E> keyedByOrder(ProcessorContext<String, Outcome> context, EventSerde<E> serde,
            Function<E, OrderId> orderOf, String entity) {
        return new Intake<>(context, serde, event -> orderOf.apply(event).value(), "orderId", entity);
    }

    /**
     * The decoded event, or null when the record went to the dead letters (null rather than an {@code Optional}: this
     * runs for every record, and the callers branch on it at once).
     */
    E admit(Record<byte[], byte[]> record) {
        E event;
        try {
            event = serde.decode(record.headers(), record.value());
        } catch (PoisonRecordException e) {
            deadLetter(record, e.reason(), e.getMessage());
            return null;
        } catch (RuntimeException e) {
            // The serde promises PoisonRecordException, but a record must not stop the partition if it breaks that.
            deadLetter(record, PoisonReason.UNREADABLE, String.valueOf(e));
            return null;
        }
        String id = keyOf.apply(event);
        if (record.key() == null || !Arrays.equals(record.key(), id.getBytes(StandardCharsets.UTF_8))) {
            // Decided anyway, the product's stock (or the order's progress) would be read on whichever partition the
            // wrong key hashed to.
            deadLetter(record, PoisonReason.KEY_MISMATCH, "record key " + printable(record.key())
                    + " is not the event's " + keyName + " '" + id + "'");
            return null;
        }
        return event;
    }

    /** Sends the record as it came in to the dead letters, with why and where it came from in headers. */
    void deadLetter(Record<byte[], byte[]> record, PoisonReason reason, String error) {
        String message = error == null ? reason.name() : error;
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH);
        }
        Headers headers = new RecordHeaders(record.headers().toArray());
        EventHeaders.put(headers, EventHeaders.DLQ_REASON, reason.name());
        EventHeaders.put(headers, EventHeaders.DLQ_ERROR, message);
        context.recordMetadata().ifPresent(source -> {
            EventHeaders.put(headers, EventHeaders.DLQ_SOURCE_TOPIC, source.topic());
            EventHeaders.put(headers, EventHeaders.DLQ_SOURCE_PARTITION, Integer.toString(source.partition()));
            EventHeaders.put(headers, EventHeaders.DLQ_SOURCE_OFFSET, Long.toString(source.offset()));
        });
        log.warn("Dead-lettered {} record from {}: {}", reason, source(), message);
        deadLetters.record();
        context.forward(new Record<>(null, new Outcome.DeadLettered(record.key(), record.value()),
                record.timestamp(), headers));
    }

    /** Counts a record that was already acted on and so is acknowledged without a second effect. */
    void dropDuplicate(String what) {
        log.debug("Dropped duplicate {} from {}", what, source());
        duplicates.record();
    }

    private String source() {
        return context.recordMetadata()
                .map(source -> source.topic() + "-" + source.partition() + "@" + source.offset())
                .orElse("an unknown source");
    }

    private static String printable(byte[] key) {
        return key == null ? "(none)" : "'" + new String(key, StandardCharsets.UTF_8) + "'";
    }
}
