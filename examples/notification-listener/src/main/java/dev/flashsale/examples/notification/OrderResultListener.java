package dev.flashsale.examples.notification;

import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One notification per decision. The topic may deliver a decision twice (after a crash or a rebalance, before the
 * offset was committed), so a real notifier remembers what it sent by {@code eventId}, or sends something that is
 * harmless to repeat.
 */
@Component
class OrderResultListener {

    private static final Logger log = LoggerFactory.getLogger(OrderResultListener.class);

    private final Notifier notifier;

    OrderResultListener(Notifier notifier) {
        this.notifier = notifier;
    }

    @KafkaListener(topics = "flashsale.order-results", groupId = "${notifications.group-id}")
    void on(ConsumerRecord<String, OrderResult> record) {
        OrderResult result = record.value();
        try (MDC.MDCCloseable ignored = MDC.putCloseable("orderId", result.orderId().value())) {
            // The interface is sealed: these are all the kinds of result there are in schema version 1.
            if (result instanceof OrderAccepted accepted) {
                notifier.orderConfirmed(accepted);
            } else if (result instanceof OrderRejected rejected) {
                notifier.orderRejected(rejected);
            }
            log.debug("Notified {} of order {} from partition {} offset {}", result.customerId(), result.orderId(),
                    record.partition(), record.offset());
        }
    }
}
