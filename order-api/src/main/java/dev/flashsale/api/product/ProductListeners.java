package dev.flashsale.api.product;

import dev.flashsale.api.kafka.ReadModelListeners;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class ProductListeners {

    @Bean
    ConcurrentMessageListenerContainer<String, StockLevel> stockLevelsListener(ReadModelListeners listeners,
            StockLevelProjection projection) {
        return listeners.container(Topics.STOCK_LEVELS, projection);
    }
}
