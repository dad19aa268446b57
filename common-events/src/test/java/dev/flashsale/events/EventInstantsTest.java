package dev.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events' instant writer writes what {@code Instant.toString()} and Jackson's own write; their reader reads what
 * Jackson's own reads, and refuses what it refuses.
 */
class EventInstantsTest {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void readsEveryInstantAsWrittenByInstantToString() {
        SplittableRandom random = new SplittableRandom(20261206);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanoSteps = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 200_000; i++) {
            int step = nanoSteps[i % nanoSteps.length];
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1),
                    step == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / step) * (long) step);
            String text = instant.toString();

            assertThat(InstantWriter.format(instant)).isEqualTo(text);
            assertThat(EventJson.MAPPER.writeValueAsString(instant)).isEqualTo(JACKSON.writeValueAsString(instant));
            assertThat(InstantReader.parse(text)).as(text).isEqualTo(instant);
            assertThat(read(EventJson.MAPPER, text)).as(text).isEqualTo(instant);
        }
    }

    @Test
    void readsFractionsOfAnyLengthAndTheEdgesOfTheCalendar() {
        for (String text : List.of("2026-03-01T09:00:07.1Z", "2026-03-01T09:00:07.12Z", "2026-03-01T09:00:07.1234Z",
                "2026-03-01T09:00:07.12345678Z", "2024-02-29T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
                "1969-12-31T23:59:59.5Z", "2026-12-31T00:00:00.000Z")) {
            assertThat(InstantReader.parse(text)).as(text).isEqualTo(Instant.parse(text));
            assertThat(read(EventJson.MAPPER, text)).as(text).isEqualTo(read(JACKSON, text));
        }
    }

    @Test
    void leavesAnythingElseToJacksonsReaderWithTheSameOutcome() {
        // Jackson's reader takes a few odd forms too: midnight as 24:00, a point without a fraction, an empty string.
        for (String text : List.of("2026-03-01T09:00:07+01:00", "2026-03-01T09:00:07.5-05:30", "+12026-03-01T09:00:07Z",
                "2026-03-01t09:00:07z", "2016-12-31T23:59:60Z", "2026-03-01T24:00:00Z", "2026-03-01T09:00:07.Z", "")) {
            assertThat(InstantReader.parse(text)).as(text).isNull();
            assertThat(read(EventJson.MAPPER, text)).as(text).isEqualTo(read(JACKSON, text));
        }
        for (Instant outside : List.of(Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MIN, Instant.MAX)) {
            assertThat(InstantWriter.format(outside)).isEqualTo(outside.toString());
            assertThat(read(EventJson.MAPPER, outside.toString())).isEqualTo(outside);
        }
        assertThat(EventJson.MAPPER.readValue("1772355607.5", Instant.class))
                .isEqualTo(JACKSON.readValue("1772355607.5", Instant.class));
    }

    @Test
    void refusesWhatJacksonsReaderRefuses() {
        for (String text : List.of("2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-01T09:61:00Z",
                "2026-03-01T09:00:07.1234567891Z", "2026-03-01 09:00:07Z", "2026-3-01T09:00:07Z",
                "2026-03-01T09:00:0xZ")) {
            assertThat(InstantReader.parse(text)).as(text).isNull();
            assertThatThrownBy(() -> read(JACKSON, text)).as("Jackson's own refuses " + text);
            assertThatThrownBy(() -> read(EventJson.MAPPER, text)).as(text);
        }
    }

    private static Instant read(JsonMapper mapper, String text) {
        return mapper.readValue("\"" + text + "\"", Instant.class);
    }
}
