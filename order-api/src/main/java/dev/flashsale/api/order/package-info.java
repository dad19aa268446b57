/**
 * An order as buyers see it and the services they call: placing one ({@link dev.flashsale.api.order.OrderService}),
 * paying for or cancelling it ({@link dev.flashsale.api.order.OrderCommands}), the order model and the errors
 * each of them answers with. The subpackages hold what these services stand on.
 */
package dev.flashsale.api.order;
