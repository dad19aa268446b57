package dev.flashsale.api.order.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-buyer limit on order submission: a token bucket of {@code burst} orders that refills at
 * {@code ordersPerSecond}, so that one buyer's script cannot crowd the others out of a sale. Each API instance keeps
 * its own buckets: behind a load balancer a buyer gets up to that many times the limit.
 *
 * @param ordersPerSecond orders a second that refill a buyer's bucket, at least 1; the rate a buyer can keep up
 *                        (default 5, {@code FLASHSALE_RATE_LIMIT_ORDERS_PER_SECOND})
 * @param burst           orders a buyer may place at once before {@code 429}, the bucket's size, at least 1; room for a
 *                        few quick retries or tabs (default 20, {@code FLASHSALE_RATE_LIMIT_BURST})
 */
@ConfigurationProperties("flashsale.rate-limit")
record RateLimitSettings(int ordersPerSecond, int burst) {

    RateLimitSettings {
        if (ordersPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("flashsale.rate-limit.orders-per-second and burst must be at least 1");
        }
    }
}
