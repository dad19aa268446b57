package dev.flashsale.inventory;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health {@code kafkaStreams}, part of the readiness group: ready while the streams run or rebalance (a rebalance is a
 * normal, short pause in which partitions move), not ready before they start, while they shut down and after they
 * stopped. {@code ERROR} is down: no thread is left to decide anything.
 */
class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final Supplier<KafkaStreams.State> state;

    KafkaStreamsHealthIndicator(Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    @Override
    public Health health() {
        KafkaStreams.State current = state.get();
        return Health.status(status(current)).withDetail("state", current.name()).build();
    }

    static Status status(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING, REBALANCING -> Status.UP;
            case ERROR, PENDING_ERROR -> Status.DOWN;
            case CREATED, PENDING_SHUTDOWN, NOT_RUNNING -> Status.OUT_OF_SERVICE;
        };
    }
}
