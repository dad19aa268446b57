package dev.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code docs/asyncapi.yaml} is written by hand for the teams that consume our topics; this test holds it to the code:
 * one channel per topic of {@link Topics#ALL} and no other, one message per event type the topic's serde knows, each
 * with its key, its headers, a schema with exactly the record's fields in their wire types, and an example the serde
 * reads.
 */
class AsyncApiContractTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    private static Map<String, Object> asyncApi;

    @BeforeAll
    static void parseDocument() throws IOException {
        asyncApi = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(DOCUMENT));
    }

    @Test
    void isAnAsyncApi3DocumentWithAChannelForEveryTopicAndNoOther() {
        assertThat(String.valueOf(asyncApi.get("asyncapi"))).startsWith("3.");
        List<String> addresses = channels().values().stream().map(channel -> (String) map(channel).get("address"))
                .toList();

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(Topic::name).toList());
    }

    @Test
    void describesEveryEventOfEveryTopicWithItsKeyHeadersAndFields() {
        for (EventSerde<?> serde : SchemaCompatibilityTest.eventSerdes()) {
            Topic<?, ?> topic = Topics.ALL.stream().filter(t -> t.valueSerde() == serde).findFirst().orElseThrow();
            Map<String, Map<String, Object>> messages = messagesOf(topic);

            assertThat(messages.keySet()).as("messages of %s", topic.name())
                    .containsExactlyInAnyOrderElementsOf(serde.types().stream().map(EventType::name).toList());
            for (EventType<?> type : serde.types()) {
                Map<String, Object> message = messages.get(type.name());
                assertThat(message.get("name")).isEqualTo(type.name());
                assertKey(type, message);
                assertHeaders(type, map(resolve(message.get("headers"))));
                assertFields(type.type(), map(resolve(message.get("payload"))));
            }
        }
    }

    @Test
    void givesEveryEventAnExampleItsSerdeReads() {
        for (EventSerde<?> serde : SchemaCompatibilityTest.eventSerdes()) {
            for (EventType<?> type : serde.types()) {
                Map<String, Object> message = map(resolve(map(components().get("messages")).get(type.name())));
                List<?> examples = (List<?>) message.get("examples");
                assertThat(examples).as("examples of %s", type.name()).isNotEmpty();
                for (Object example : examples) {
                    Map<String, Object> headers = map(map(example).get("headers"));
                    Headers recordHeaders = new RecordHeaders();
                    headers.forEach((name, value) -> EventHeaders.put(recordHeaders, name, String.valueOf(value)));
                    byte[] payload = EventJson.MAPPER.writeValueAsBytes(map(example).get("payload"));

                    Object event = serde.decode(recordHeaders, payload);

                    assertThat(event).isInstanceOf(type.type());
                    Headers written = new RecordHeaders();
                    encode(serde, event, written);
                    for (var header : written) {
                        assertThat(headers).as("example headers of %s", type.name())
                                .containsEntry(header.key(), EventHeaders.get(written, header.key()));
                    }
                }
            }
        }
    }

    @Test
    void documentsTheDeadLetterHeadersAndEveryReason() {
        Map<String, Map<String, Object>> messages = messagesOf(Topics.DEAD_LETTERS);
        assertThat(messages).hasSize(1);
        Map<String, Object> headers = map(resolve(messages.values().iterator().next().get("headers")));
        Map<String, Object> properties = map(headers.get("properties"));

        assertThat(properties).containsOnlyKeys(EventHeaders.DLQ_REASON, EventHeaders.DLQ_ERROR,
                EventHeaders.DLQ_SOURCE_TOPIC, EventHeaders.DLQ_SOURCE_PARTITION, EventHeaders.DLQ_SOURCE_OFFSET);
        assertThat(strings(map(properties.get(EventHeaders.DLQ_REASON)).get("enum")))
                .containsExactlyElementsOf(Arrays.stream(PoisonReason.values()).map(Enum::name).toList());
    }

    private static void assertKey(EventType<?> type, Map<String, Object> message) {
        Map<String, Object> key = map(map(map(message.get("bindings")).get("kafka")).get("key"));
        assertThat(key).as("Kafka key of %s", type.name()).containsEntry("type", "string").containsKey("description");
        String field = (String) key.get("x-key-field");
        assertThat(Arrays.stream(type.type().getRecordComponents()).map(RecordComponent::getName))
                .as("the field %s of %s that the key equals", field, type.name()).contains(field);
    }

    private static void assertHeaders(EventType<?> type, Map<String, Object> headers) {
        Map<String, Object> properties = map(headers.get("properties"));
        assertThat(map(properties.get(EventHeaders.EVENT_TYPE))).containsEntry("const", type.name());
        assertThat(map(properties.get(EventHeaders.SCHEMA_VERSION)))
                .containsEntry("const", Integer.toString(type.schemaVersion()));
        assertThat(map(properties.get(EventHeaders.CONTENT_TYPE))).containsEntry("const", "application/json");
        boolean orderEvent = OrderRequestEvent.class.isAssignableFrom(type.type())
                || OrderResult.class.isAssignableFrom(type.type())
                || OrderCommandEvent.class.isAssignableFrom(type.type())
                || OrderLifecycleEvent.class.isAssignableFrom(type.type());
        if (orderEvent) {
            assertThat(properties).as("headers of %s", type.name()).containsKey(EventHeaders.ORDER_ID);
        } else {
            assertThat(properties).as("headers of %s", type.name()).doesNotContainKey(EventHeaders.ORDER_ID);
        }
        assertThat(strings(headers.get("required"))).as("required headers of %s", type.name())
                .containsExactlyInAnyOrderElementsOf(properties.keySet());
    }

    private static void assertFields(Class<?> record, Map<String, Object> schema) {
        assertThat(schema.get("type")).isEqualTo("object");
        Map<String, Object> properties = map(schema.get("properties"));
        List<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();

        assertThat(properties.keySet()).as("fields of %s", record.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(components);
        // Every field but an @OptionalField is required: the records refuse null and the mapper a missing number.
        assertThat(strings(schema.get("required"))).as("required fields of %s", record.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(record.getRecordComponents())
                        .filter(component -> !component.isAnnotationPresent(OptionalField.class))
                        .map(RecordComponent::getName).toList());
        for (RecordComponent component : record.getRecordComponents()) {
            Map<String, Object> field = new LinkedHashMap<>(map(resolve(properties.get(component.getName()))));
            // A required field that may be null says so as JSON Schema does, with the type list [<type>, "null"].
            if (field.get("type") instanceof List<?> types && types.size() == 2 && types.contains("null")
                    && !component.getType().isPrimitive()) {
                field.put("type", types.get(0));
            }
            assertThat(field).as("%s.%s", record.getSimpleName(), component.getName())
                    .containsAllEntriesOf(wireType(component.getType()));
            if (component.getType().isEnum()) {
                assertThat(strings(field.get("enum"))).as("%s.%s", record.getSimpleName(), component.getName())
                        .containsExactlyElementsOf(Arrays.stream(component.getType().getEnumConstants())
                                .map(constant -> ((Enum<?>) constant).name()).toList());
            }
        }
    }

    /** How a field of this Java type looks in JSON, as {@link EventJson#MAPPER} writes it. */
    private static Map<String, Object> wireType(Class<?> type) {
        Map<String, Object> expected = new LinkedHashMap<>();
        if (type == int.class || type == Integer.class) {
            expected.put("type", "integer");
            expected.put("format", "int32");
        } else if (type == long.class || type == Long.class) {
            expected.put("type", "integer");
            expected.put("format", "int64");
        } else if (type == double.class) {
            expected.put("type", "number");
            expected.put("format", "double");
        } else if (type == UUID.class) {
            expected.put("type", "string");
            expected.put("format", "uuid");
        } else if (type == Instant.class) {
            expected.put("type", "string");
            expected.put("format", "date-time");
        } else if (type == Duration.class) {
            expected.put("type", "string");
            expected.put("format", "duration");
        } else if (type == OrderId.class || type == CustomerId.class || type == ProductId.class) {
            expected.put("type", "string");
            expected.put("maxLength", Ids.MAX_LENGTH);
        } else if (type == String.class || type.isEnum()) {
            expected.put("type", "string");
        } else {
            throw new AssertionError("no wire type known for " + type + ": teach this test, then document it");
        }
        return expected;
    }

    private static Map<String, Map<String, Object>> messagesOf(Topic<?, ?> topic) {
        Map<String, Object> channel = channels().values().stream().map(AsyncApiContractTest::map)
                .filter(c -> topic.name().equals(c.get("address")))
                .findFirst().orElseThrow(() -> new AssertionError("no channel for " + topic.name()));
        Map<String, Map<String, Object>> messages = new LinkedHashMap<>();
        map(channel.get("messages")).forEach((name, message) -> messages.put(name, map(resolve(message))));
        return messages;
    }

    private static Map<String, Object> channels() {
        return map(asyncApi.get("channels"));
    }

    private static Map<String, Object> components() {
        return map(asyncApi.get("components"));
    }

    /** Follows a local {@code $ref} such as {@code #/components/schemas/OrderId}; anything else as it is. */
    private static Object resolve(Object node) {
        if (node instanceof Map<?, ?> object && object.get("$ref") instanceof String ref) {
            assertThat(ref).startsWith("#/");
            Object target = asyncApi;
            for (String part : ref.substring(2).split("/")) {
                target = map(target).get(part);
                assertThat(target).as("target of %s", ref).isNotNull();
            }
            return resolve(target);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static <T> void encode(EventSerde<T> serde, Object event, Headers headers) {
        serde.encode(headers, (T) event);
    }

    private static List<String> strings(Object list) {
        assertThat(list).isInstanceOf(List.class);
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
