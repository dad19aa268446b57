package dev.flashsale.api.kafka;

import dev.flashsale.events.Topic;
import java.util.List;

/**
 * Told of events once the read model has applied them and their transaction has committed: each applied event is
 * reported once, however often its batch was retried before. For metrics; it must not throw.
 */
@FunctionalInterface
public interface ReadModelObserver {

    void applied(Topic<String, ?> topic, List<?> events);
}
