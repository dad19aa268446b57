package dev.flashsale.api.product;

import dev.flashsale.api.kafka.BroadcastFeed;
import dev.flashsale.api.kafka.ReadModelListeners;
import dev.flashsale.api.kafka.ReadModelReplay;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class ProductListeners {

    /** Stock levels into the read model; the instances of the API share the work. */
    @Bean
    ConcurrentMessageListenerContainer<String, StockLevel> stockLevelsListener(ReadModelListeners listeners,
            StockLevelProjection projection) {
        return listeners.container(Topics.STOCK_LEVELS, projection);
    }

    /** Every stock level into this instance's memory, for the sold-out answer: each instance reads them all. */
    @Bean
    BroadcastFeed<StockLevel> stockLevelsFeed(StockView view, KafkaProperties properties) {
        return new BroadcastFeed<>(Topics.STOCK_LEVELS, levels -> levels.forEach(view::apply), properties);
    }

    /**
     * Before any request: the levels the read model has, so the view is right from the start even before the topic
     * has been read again. The topic's newer versions replace them as they arrive.
     */
    @Bean
    SmartInitializingSingleton stockViewWarmUp(StockView view, JdbcClient jdbc) {
        return () -> jdbc.sql("SELECT id, available, stock_version FROM products").query(row -> {
            view.apply(row.getString("id"), row.getInt("available"), row.getLong("stock_version"));
        });
    }

    /**
     * Rebuild: the products as created; first, since the stock levels update them. A {@code ProductStocked} without a
     * name and price (written before the event carried them) cannot make the product's row.
     */
    @Bean
    ReadModelReplay<StockAdjustment> productsReplay(ProductStockedProjection projection) {
        return new ReadModelReplay<>(10, Topics.STOCK_ADJUSTMENTS, projection,
                adjustment -> adjustment instanceof ProductStocked
                        && !ProductStockedProjection.describesProduct(adjustment));
    }

    /** Rebuild: every product's newest stock level, through the live listener's own projection. */
    @Bean
    ReadModelReplay<StockLevel> stockLevelsReplay(StockLevelProjection projection) {
        return ReadModelReplay.of(40, Topics.STOCK_LEVELS, projection);
    }
}
