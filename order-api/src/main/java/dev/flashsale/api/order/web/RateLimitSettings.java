package dev.flashsale.api.order.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-buyer limit on order submission: a token bucket of {@code burst} orders that refills at
 * {@code ordersPerSecond}.
 */
@ConfigurationProperties("flashsale.rate-limit")
record RateLimitSettings(int ordersPerSecond, int burst) {

    RateLimitSettings {
        if (ordersPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("flashsale.rate-limit.orders-per-second and burst must be at least 1");
        }
    }
}
