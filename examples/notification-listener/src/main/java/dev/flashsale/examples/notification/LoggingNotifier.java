package dev.flashsale.examples.notification;

import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Stands in for the e-mail gateway. */
@Component
class LoggingNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotifier.class);

    @Override
    public void orderConfirmed(OrderAccepted accepted) {
        log.info("Dear {}: your order {} of {} x {} is confirmed", accepted.customerId(), accepted.orderId(),
                accepted.quantity(), accepted.productId());
    }

    @Override
    public void orderRejected(OrderRejected rejected) {
        // Reasons added by a later schema version arrive as a new schema version, which this build refuses until
        // it is upgraded: every reason it can see here is one it knows.
        String why = switch (rejected.reason()) {
            case OUT_OF_STOCK -> "it sold out";
            case UNKNOWN_PRODUCT -> "the product is not on sale";
            case LIMIT_EXCEEDED -> "it would take you past the product's limit per customer";
        };
        log.info("Dear {}: sorry, your order {} could not be placed: {}", rejected.customerId(), rejected.orderId(),
                why);
    }
}
