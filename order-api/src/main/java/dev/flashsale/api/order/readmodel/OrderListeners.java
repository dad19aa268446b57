package dev.flashsale.api.order.readmodel;

import dev.flashsale.api.kafka.ReadModelListeners;
import dev.flashsale.api.kafka.ReadModelReplay;
import dev.flashsale.api.order.CommandSettings;
import dev.flashsale.api.order.maintenance.IdempotencySettings;
import dev.flashsale.api.order.maintenance.UnpublishedOrderSettings;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ IdempotencySettings.class, UnpublishedOrderSettings.class, CommandSettings.class })
class OrderListeners {

    @Bean
    ConcurrentMessageListenerContainer<String, OrderResult> orderResultsListener(ReadModelListeners listeners,
            OrderResultProjection projection) {
        return listeners.container(Topics.ORDER_RESULTS, projection);
    }

    /** The order aggregator's decisions on whole orders and its answers to commands. */
    @Bean
    ConcurrentMessageListenerContainer<String, OrderLifecycleEvent> orderLifecycleListener(
            ReadModelListeners listeners, OrderLifecycleProjection projection, RecentOrders recentOrders) {
        ConcurrentMessageListenerContainer<String, OrderLifecycleEvent> container = listeners.container(
                Topics.ORDER_LIFECYCLE, projection);
        // Which lifecycle partitions this instance writes to the read model, so it may answer from memory for them.
        container.getContainerProperties().setConsumerRebalanceListener(recentOrders);
        return container;
    }

    /** Rebuild: the orders as requested, with their Idempotency-Keys; their decisions come after. */
    @Bean
    ReadModelReplay<OrderRequestEvent> orderRequestsReplay(OrderRequestProjection projection) {
        return ReadModelReplay.of(20, Topics.ORDER_REQUESTS, projection);
    }

    /** Rebuild: the lines' decisions, through the live listener's own projection (orders whose rows were lost). */
    @Bean
    ReadModelReplay<OrderResult> orderResultsReplay(OrderResultProjection projection) {
        return ReadModelReplay.of(30, Topics.ORDER_RESULTS, projection);
    }

    /** Rebuild: the orders' statuses and their history, once every order has its row and lines. */
    @Bean
    ReadModelReplay<OrderLifecycleEvent> orderLifecycleReplay(OrderLifecycleProjection projection) {
        return ReadModelReplay.of(35, Topics.ORDER_LIFECYCLE, projection);
    }
}
