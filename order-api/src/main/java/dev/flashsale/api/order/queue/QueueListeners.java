package dev.flashsale.api.order.queue;

import dev.flashsale.api.kafka.BroadcastFeed;
import dev.flashsale.events.DecisionProgress;
import dev.flashsale.events.Topics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QueueListeners {

    /** The processor's progress into this instance's memory: each instance reads all of it, to place any order. */
    @Bean
    BroadcastFeed<DecisionProgress> decisionProgressFeed(DecisionProgressView view, KafkaProperties properties) {
        return new BroadcastFeed<>(Topics.DECISION_PROGRESS, view::apply, properties);
    }
}
