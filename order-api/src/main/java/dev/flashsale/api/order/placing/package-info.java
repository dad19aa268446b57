/**
 * The write path of a new order behind {@link dev.flashsale.api.order.OrderService}: its row committed together with
 * those of the other requests in flight (a group commit), the orders Kafka acknowledged remembered, where each line's
 * request landed written down, each step timed.
 */
package dev.flashsale.api.order.placing;
