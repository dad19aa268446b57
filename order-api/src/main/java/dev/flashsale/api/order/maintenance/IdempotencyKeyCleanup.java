package dev.flashsale.api.order.maintenance;

import dev.flashsale.api.order.readmodel.OrderRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets Idempotency-Keys past their retention: the order stays, but its key no longer answers retries, and the
 * buyer may use it again for a new order.
 */
@Component
class IdempotencyKeyCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final OrderRepository orders;
    private final IdempotencySettings settings;
    private final Clock clock;

    IdempotencyKeyCleanup(OrderRepository orders, IdempotencySettings settings, Clock clock) {
        this.orders = orders;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${flashsale.idempotency.cleanup-interval}",
            initialDelayString = "${flashsale.idempotency.cleanup-interval}")
    void forgetExpiredKeys() {
        int forgotten = orders.forgetIdempotencyKeysPlacedBefore(clock.instant().minus(settings.retention()));
        if (forgotten > 0) {
            log.info("Forgot {} Idempotency-Keys older than {}", forgotten, settings.retention());
        }
    }
}
