package dev.flashsale.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * JSON values with the event type and schema version in record headers. The deserializer picks the concrete class
 * from the {@link EventHeaders#EVENT_TYPE} header and throws {@link PoisonRecordException} for anything it cannot
 * turn into a valid event; it never returns {@code null} for a present value.
 *
 * @param <T> the stream's event type, usually a sealed interface
 */
public final class EventSerde<T> implements Serde<T> {

    private final Class<T> streamType;
    private final Map<String, EventType<? extends T>> typesByName;
    private final Map<Class<?>, EventType<? extends T>> typesByClass;
    private final List<EventType<? extends T>> types;
    private final Map<String, Function<? super T, String>> extraHeaders;

    private EventSerde(Class<T> streamType, List<EventType<? extends T>> types,
            Map<String, Function<? super T, String>> extraHeaders) {
        this.streamType = streamType;
        this.types = List.copyOf(types);
        this.typesByName = types.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
        this.typesByClass = types.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
        this.extraHeaders = extraHeaders;
    }

    @SafeVarargs
    public static <T> EventSerde<T> of(Class<T> streamType, EventType<? extends T>... types) {
        return new EventSerde<>(streamType, List.of(types), Map.of());
    }

    /**
     * A serde that also writes the header {@code name} with a value taken from each event, such as
     * {@link EventHeaders#ORDER_ID}. Readers never need it: the value alone is the event.
     */
    public EventSerde<T> withHeader(String name, Function<? super T, String> value) {
        Map<String, Function<? super T, String>> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(name, value);
        return new EventSerde<>(streamType, types, Collections.unmodifiableMap(headers));
    }

    public Class<T> streamType() {
        return streamType;
    }

    /** The event types this serde reads and writes, with the schema version each is written in. */
    public List<EventType<? extends T>> types() {
        return types;
    }

    /** Decodes a value with its headers; the same rules as the deserializer. */
    public T decode(Headers headers, byte[] value) {
        if (value == null || value.length == 0) {
            throw new PoisonRecordException(PoisonReason.UNREADABLE, "record has no value");
        }
        String typeName = EventHeaders.get(headers, EventHeaders.EVENT_TYPE);
        if (typeName == null) {
            throw new PoisonRecordException(PoisonReason.UNKNOWN_EVENT_TYPE,
                    "missing " + EventHeaders.EVENT_TYPE + " header");
        }
        EventType<? extends T> type = typesByName.get(typeName);
        if (type == null) {
            throw new PoisonRecordException(PoisonReason.UNKNOWN_EVENT_TYPE,
                    "event type '" + typeName + "' is not a " + streamType.getSimpleName());
        }
        checkVersion(headers, type);
        try {
            return EventJson.MAPPER.readValue(value, type.type());
        } catch (JacksonException e) {
            // Records validate in their constructors; Jackson reports that as a databind error caused by it.
            if (rootCause(e) instanceof IllegalArgumentException || rootCause(e) instanceof NullPointerException) {
                throw new PoisonRecordException(PoisonReason.INVALID_EVENT, rootCause(e).getMessage(), e);
            }
            throw new PoisonRecordException(PoisonReason.UNREADABLE,
                    "not a readable " + typeName + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Encodes a value and sets its type headers. */
    public byte[] encode(Headers headers, T event) {
        EventType<? extends T> type = typesByClass.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(event.getClass() + " is not registered for " + streamType);
        }
        if (headers != null) {
            EventHeaders.put(headers, EventHeaders.EVENT_TYPE, type.name());
            EventHeaders.put(headers, EventHeaders.SCHEMA_VERSION, Integer.toString(type.schemaVersion()));
            EventHeaders.put(headers, EventHeaders.CONTENT_TYPE, "application/json");
            extraHeaders.forEach((name, value) -> EventHeaders.put(headers, name, value.apply(event)));
        }
        return EventJson.MAPPER.writeValueAsBytes(event);
    }

    private static void checkVersion(Headers headers, EventType<?> type) {
        String version = EventHeaders.get(headers, EventHeaders.SCHEMA_VERSION);
        if (version == null) {
            return; // absent means the first version: hand-written records from console tools stay readable
        }
        int parsed;
        try {
            parsed = Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            throw new PoisonRecordException(PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
                    "schema version '" + version + "' is not a number");
        }
        if (parsed < 1 || parsed > type.schemaVersion()) {
            throw new PoisonRecordException(PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
                    type.name() + " schema version " + parsed + " is not supported (this reader knows 1.."
                            + type.schemaVersion() + ")");
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public Serializer<T> serializer() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return data == null ? null : encode(null, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                return data == null ? null : encode(headers, data);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return decode(new RecordHeaders(), data);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                return decode(headers, data);
            }
        };
    }
}
