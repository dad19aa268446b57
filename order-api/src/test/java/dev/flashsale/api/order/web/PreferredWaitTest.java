package dev.flashsale.api.order.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreferredWaitTest {

    private static final Duration MAX = Duration.ofSeconds(30);

    @ParameterizedTest(name = "Prefer: {0} -> {1} s")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "wait=10 | 10",
            "WAIT = 5 | 5",
            "respond-async, wait=7 | 7",
            "wait=\"3\" | 3",
            "wait=3; foo=bar | 3",
            "wait=120 | 30",
            "wait=0 | 0",
            "return=minimal | 0",
            "wait=soon | 0",
            "wait=-1 | 0",
            "wait= | 0",
            "wait=1234567890 | 0",
            "null | 0" })
    void readsTheWaitPreferenceAndIgnoresWhatItCannotUse(String prefer, long seconds) {
        assertThat(PreferredWait.parse(prefer, MAX)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
