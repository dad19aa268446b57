package dev.flashsale.api.order.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongPollWaitTest {

    private static final Duration CAP = Duration.ofSeconds(30);

    @Test
    void readsSecondsMillisecondsAndBareNumbers() {
        assertThat(LongPollWait.parse("5s", CAP)).isEqualTo(Duration.ofSeconds(5));
        assertThat(LongPollWait.parse("250ms", CAP)).isEqualTo(Duration.ofMillis(250));
        assertThat(LongPollWait.parse("7", CAP)).isEqualTo(Duration.ofSeconds(7));
        assertThat(LongPollWait.parse("0", CAP)).isZero();
    }

    @Test
    void meansNoWaitWhenAbsent() {
        assertThat(LongPollWait.parse(null, CAP)).isZero();
    }

    @Test
    void shortensLongerWaitsToTheCap() {
        assertThat(LongPollWait.parse("31s", CAP)).isEqualTo(CAP);
        assertThat(LongPollWait.parse("999999999", CAP)).isEqualTo(CAP);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "soon", "-1", "-1s", "5m", "1.5s", "PT5S", "5 s", "1234567890" })
    void refusesAnythingElse(String value) {
        assertThatThrownBy(() -> LongPollWait.parse(value, CAP)).isInstanceOf(InvalidWaitException.class);
    }
}
