package dev.flashsale.api.kafka;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the topics are created when the API starts before the inventory processor has created them.
 *
 * @param partitions        partitions of every topic; the processor's and the API's must agree
 * @param replicationFactor 1 for a single local broker, 3 in production
 * @param minInsyncReplicas 1 for a single broker, 2 in production, so {@code acks=all} means two copies
 * @param provision         false where topics are created by an operator and the API may not create them
 * @param provisionTimeout  how long each call to the broker while listing, creating and checking the topics may take
 *                          before the start fails rather than hangs on a broker that does not answer (default 30 s)
 */
@ConfigurationProperties("flashsale.topic")
record TopicSettings(int partitions, short replicationFactor, int minInsyncReplicas, boolean provision,
        Duration provisionTimeout) {

    TopicSettings {
        if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1) {
            throw new IllegalArgumentException("flashsale.topic partitions, replication-factor and "
                    + "min-insync-replicas must be positive");
        }
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("flashsale.topic.min-insync-replicas (" + minInsyncReplicas
                    + ") cannot exceed the replication factor (" + replicationFactor + "): no write would succeed");
        }
        Objects.requireNonNull(provisionTimeout, "flashsale.topic.provision-timeout");
    }
}
