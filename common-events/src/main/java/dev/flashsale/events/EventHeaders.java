package dev.flashsale.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Names of the record headers the contract uses. Values are UTF-8 text so that console tools print them readably.
 */
public final class EventHeaders {

    /** The event's simple type name, such as {@code OrderAccepted}. */
    public static final String EVENT_TYPE = "event-type";
    /** The schema version of the value, a positive integer; a reader refuses versions newer than it knows. */
    public static final String SCHEMA_VERSION = "schema-version";
    /** Always {@code application/json}. */
    public static final String CONTENT_TYPE = "content-type";
    /**
     * The order an order event is about ({@link OrderLineRequested}, {@link OrderResult}), so a log line, a console
     * consumer or a dead letter names the order without decoding the value.
     */
    public static final String ORDER_ID = "order-id";

    /**
     * Every record the inventory processor writes: the instance that wrote it (its {@code INVENTORY_INSTANCE}), to
     * tell in a log which instance a decision came from. Not part of any event; readers need not look at it.
     */
    public static final String PROCESSOR_INSTANCE = "processor-instance";

    /** Dead letters: why the record could not be processed. */
    public static final String DLQ_REASON = "dlq-reason";
    /** Dead letters: the exception's message, cut to a readable length. */
    public static final String DLQ_ERROR = "dlq-error";
    public static final String DLQ_SOURCE_TOPIC = "dlq-source-topic";
    public static final String DLQ_SOURCE_PARTITION = "dlq-source-partition";
    public static final String DLQ_SOURCE_OFFSET = "dlq-source-offset";

    private EventHeaders() {
    }

    /** Sets a header, replacing any earlier value, so a record passed along never carries two types. */
    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of the header, or {@code null} when absent. */
    public static String get(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
