package dev.flashsale.examples.notification;

import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderRejected;

/** Where buyers are told of their order: e-mail, push, SMS. Here, a log line. */
public interface Notifier {

    void orderConfirmed(OrderAccepted accepted);

    void orderRejected(OrderRejected rejected);
}
