package dev.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Guards the wire format against incompatible changes. {@code golden/v<N>/<EventType>.json} is an event as schema
 * version N wrote it. Every one of them must still be read, by the current code, into an event that writes the same
 * fields with the same values: renaming, removing or retyping a field, or adding one that old events lack and the
 * record requires, fails here. Adding an optional field passes. A change that cannot pass is a new schema version:
 * bump it in {@link Topics} and add its golden samples beside the old ones, which stay.
 */
class SchemaCompatibilityTest {

    private static final String GOLDEN = "golden";

    /** One golden sample: the serde of its topic, its event type, and the schema version that wrote it. */
    record Sample(EventSerde<?> serde, EventType<?> type, int version, Path file) {

        @Override
        public String toString() {
            return "v" + version + "/" + type.name();
        }
    }

    static Stream<Sample> goldenSamples() {
        List<Sample> samples = new ArrayList<>();
        for (EventSerde<?> serde : eventSerdes()) {
            for (EventType<?> type : serde.types()) {
                for (int version = 1; version <= type.schemaVersion(); version++) {
                    Path file = goldenDirectory().resolve("v" + version).resolve(type.name() + ".json");
                    if (Files.exists(file)) {
                        samples.add(new Sample(serde, type, version, file));
                    }
                }
            }
        }
        return samples.stream();
    }

    @Test
    void keepsAGoldenSampleOfEveryEventInItsCurrentSchemaVersion() {
        for (EventSerde<?> serde : eventSerdes()) {
            for (EventType<?> type : serde.types()) {
                Path current = goldenDirectory().resolve("v" + type.schemaVersion()).resolve(type.name() + ".json");
                assertThat(current).as("golden sample of %s schema version %d", type.name(), type.schemaVersion())
                        .exists();
            }
        }
    }

    @Test
    void hasNoGoldenSampleOfAnEventOrVersionTheCodeDoesNotKnow() throws IOException {
        Set<String> known = new TreeSet<>();
        for (EventSerde<?> serde : eventSerdes()) {
            for (EventType<?> type : serde.types()) {
                for (int version = 1; version <= type.schemaVersion(); version++) {
                    known.add("v" + version + "/" + type.name() + ".json");
                }
            }
        }
        try (Stream<Path> files = Files.walk(goldenDirectory())) {
            List<String> golden = files.filter(Files::isRegularFile)
                    .map(file -> goldenDirectory().relativize(file).toString().replace('\\', '/'))
                    .toList();

            assertThat(golden).isNotEmpty().allSatisfy(file -> assertThat(known).as("known samples").contains(file));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenSamples")
    void readsTheGoldenSampleIntoAnEventThatWritesItBack(Sample sample) throws IOException {
        byte[] golden = Files.readAllBytes(sample.file());

        Object event = decode(sample, golden);
        JsonNode written = EventJson.MAPPER.readTree(encode(sample.serde(), event));
        JsonNode expected = EventJson.MAPPER.readTree(golden);

        assertThat(event).isInstanceOf(sample.type().type());
        assertThat(decode(sample, EventJson.MAPPER.writeValueAsBytes(written))).isEqualTo(event);
        for (String field : expected.propertyNames()) {
            assertThat(written.has(field)).as("%s still writes the field '%s'", sample, field).isTrue();
            assertThat(written.get(field)).as("%s writes '%s' as before", sample, field)
                    .isEqualTo(expected.get(field));
        }
    }

    private static Object decode(Sample sample, byte[] value) {
        Headers headers = new RecordHeaders();
        EventHeaders.put(headers, EventHeaders.EVENT_TYPE, sample.type().name());
        EventHeaders.put(headers, EventHeaders.SCHEMA_VERSION, Integer.toString(sample.version()));
        return sample.serde().decode(headers, value);
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(EventSerde<T> serde, Object event) {
        return serde.encode(new RecordHeaders(), (T) event);
    }

    /** The value serdes of every topic that carries events (the dead letters carry raw bytes). */
    static List<EventSerde<?>> eventSerdes() {
        return Topics.ALL.stream()
                .map(Topic::valueSerde)
                .filter(EventSerde.class::isInstance)
                .<EventSerde<?>>map(serde -> (EventSerde<?>) serde)
                .toList();
    }

    private static Path goldenDirectory() {
        URL url = SchemaCompatibilityTest.class.getClassLoader().getResource(GOLDEN);
        assertThat(url).as("test resource directory %s", GOLDEN).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
