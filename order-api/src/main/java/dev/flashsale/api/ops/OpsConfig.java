package dev.flashsale.api.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What operators see of the API besides its own endpoints: the Kafka health check, the order request filter and the
 * processor's lag for the sale summary.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SaleSummarySettings.class)
class OpsConfig {

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
        return new KafkaHealthIndicator(admin(properties, "flashsale-order-api-health", KafkaHealthIndicator.TIMEOUT));
    }

    @Bean
    ProcessorLag processorLag(KafkaProperties properties, SaleSummarySettings settings, Clock clock) {
        return new ProcessorLag(admin(properties, "flashsale-order-api-processor-lag", ProcessorLag.TIMEOUT),
                settings.processorApplicationId(), clock);
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

    private static Admin admin(KafkaProperties properties, String clientId, Duration timeout) {
        Map<String, Object> config = new HashMap<>(properties.buildAdminProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(config);
    }
}
