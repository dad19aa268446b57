package dev.flashsale.api.order;

import dev.flashsale.api.kafka.ReadModelListeners;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencySettings.class)
class OrderListeners {

    @Bean
    ConcurrentMessageListenerContainer<String, OrderResult> orderResultsListener(ReadModelListeners listeners,
            OrderResultProjection projection) {
        return listeners.container(Topics.ORDER_RESULTS, projection);
    }
}
