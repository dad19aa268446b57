package dev.flashsale.api.order.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.OrderStatus;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusEventIdTest {

    private static final Pattern VALID = Pattern.compile(StatusEventId.PATTERN);

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void everyIdSentIsAcceptedBackAsTheStatusItReported(OrderStatus status) {
        String id = StatusEventId.of(status);

        assertThat(VALID.matcher(id).matches()).isTrue();
        assertThat(StatusEventId.parse(id)).isEqualTo(status);
    }

    @Test
    void anEmptyIdIsNoIdAtAll() {
        assertThat(VALID.matcher("").matches()).isTrue();
        assertThat(StatusEventId.parse("")).isNull();
        assertThat(StatusEventId.parse(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "accepted", "ACCEPTED ", "7", "PENDING:3", "REFUNDED", "ACCEPTED\nid:PAID" })
    void refusesWhatItNeverSent(String id) {
        assertThat(VALID.matcher(id).matches()).isFalse();
    }
}
