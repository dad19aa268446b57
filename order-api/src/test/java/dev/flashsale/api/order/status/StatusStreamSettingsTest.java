package dev.flashsale.api.order.status;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusStreamSettingsTest {

    @Test
    void refusesAHeartbeatThatIsNotPositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StatusStreamSettings(Duration.ZERO, 10))
                .withMessageContaining("heartbeat");
        assertThatIllegalArgumentException().isThrownBy(() -> new StatusStreamSettings(Duration.ofSeconds(-1), 10))
                .withMessageContaining("heartbeat");
    }

    @Test
    void refusesANegativeBound() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StatusStreamSettings(Duration.ofSeconds(15), -1))
                .withMessageContaining("max-open");
    }

    @Test
    void namesTheSettingThatIsMissing() {
        assertThatNullPointerException().isThrownBy(() -> new StatusStreamSettings(null, 10))
                .withMessage("flashsale.status-streams.heartbeat");
        assertThatNullPointerException().isThrownBy(() -> new StatusStreamSettings(Duration.ofSeconds(15), null))
                .withMessage("flashsale.status-streams.max-open");
    }
}
