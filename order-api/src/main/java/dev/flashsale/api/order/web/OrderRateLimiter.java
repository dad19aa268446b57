package dev.flashsale.api.order.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flashsale.events.CustomerId;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Keeps one buyer from flooding the sale: a Bucket4j token bucket per buyer, in this instance's memory (each instance
 * limits on its own, so N instances allow up to N times the rate). A bucket untouched for as long as it takes to
 * refill from empty is full again, so forgetting it then changes nothing and keeps memory to the active buyers.
 */
@Component
@EnableConfigurationProperties(RateLimitSettings.class)
class OrderRateLimiter {

    private final RateLimitSettings settings;
    private final Cache<String, Bucket> buckets;

    OrderRateLimiter(RateLimitSettings settings) {
        this.settings = settings;
        Duration refillFromEmpty = Duration.ofMillis(Math.max(1_000,
                (long) Math.ceil(1_000.0 * settings.burst() / settings.ordersPerSecond())));
        this.buckets = Caffeine.newBuilder().expireAfterAccess(refillFromEmpty).build();
    }

    /** @throws RateLimitedException if the buyer has no order left in the bucket */
    void admit(CustomerId buyer) {
        ConsumptionProbe probe = buckets.get(buyer.value(), id -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(settings.burst())
                        .refillGreedy(settings.ordersPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
