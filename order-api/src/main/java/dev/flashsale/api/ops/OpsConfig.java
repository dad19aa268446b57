package dev.flashsale.api.ops;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** What operators see of the API besides its own endpoints: the Kafka health check and the order request filter. */
@Configuration(proxyBeanMethods = false)
class OpsConfig {

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.buildAdminProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "flashsale-order-api-health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KafkaHealthIndicator.TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KafkaHealthIndicator.TIMEOUT.toMillis());
        return new KafkaHealthIndicator(Admin.create(config));
    }

    /** Before every other filter, security included, so refused requests are counted and logged with their order. */
    @Bean
    FilterRegistrationBean<OrderRequestFilter> orderRequestFilter(OrderFlowMetrics metrics) {
        FilterRegistrationBean<OrderRequestFilter> registration =
                new FilterRegistrationBean<>(new OrderRequestFilter(metrics));
        registration.addUrlPatterns("/api/orders", "/api/orders/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
