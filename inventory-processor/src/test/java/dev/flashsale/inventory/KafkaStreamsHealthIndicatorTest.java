package dev.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KafkaStreamsHealthIndicatorTest {

    @Test
    void isReadyWhileTheStreamsRunOrRebalance() {
        assertThat(KafkaStreamsHealthIndicator.status(State.RUNNING)).isEqualTo(Status.UP);
        assertThat(KafkaStreamsHealthIndicator.status(State.REBALANCING)).isEqualTo(Status.UP);
    }

    @Test
    void isNotReadyBeforeTheStartAndFromTheShutdownOn() {
        assertThat(KafkaStreamsHealthIndicator.status(State.CREATED)).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(KafkaStreamsHealthIndicator.status(State.PENDING_SHUTDOWN)).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(KafkaStreamsHealthIndicator.status(State.NOT_RUNNING)).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void isDownWhenNoStreamThreadIsLeft() {
        assertThat(KafkaStreamsHealthIndicator.status(State.PENDING_ERROR)).isEqualTo(Status.DOWN);
        assertThat(KafkaStreamsHealthIndicator.status(State.ERROR)).isEqualTo(Status.DOWN);
    }

    @Test
    void namesTheStateInItsDetails() {
        Health health = new KafkaStreamsHealthIndicator(() -> State.REBALANCING).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "REBALANCING");
    }
}
