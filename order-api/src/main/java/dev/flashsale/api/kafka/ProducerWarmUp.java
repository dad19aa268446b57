package dev.flashsale.api.kafka;

import dev.flashsale.events.Topics;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Creates the producer and fetches the order topics' metadata while the API starts, before it takes requests.
 * Otherwise the first order after a start creates the producer, waits for its producer ID and for the metadata, and
 * every request of the first second queues behind it: a restarted API answered its first buyers after about a second.
 * A broker that is not there yet only costs the start the producer's {@code max.block.ms}; the API starts anyway and
 * the first send tries again. Run once the topics exist ({@link KafkaConfig}): metadata of a topic not created yet
 * would only be waited for.
 */
class ProducerWarmUp {

    private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);

    private final KafkaTemplate<String, Object> template;

    ProducerWarmUp(KafkaTemplate<String, Object> template) {
        this.template = template;
    }

    void run() {
        try {
            template.partitionsFor(Topics.ORDER_REQUESTS.name());
            template.partitionsFor(Topics.ORDER_COMMANDS.name());
        } catch (KafkaException e) {
            log.warn("No Kafka metadata at start-up ({}); the first order will fetch it", e.getMessage());
        }
    }
}
