/**
 * The buyer's place in line: how far the processor has decided each partition of order requests, read from its
 * progress topic, against the offset of the order's own request.
 */
package dev.flashsale.api.order.queue;
