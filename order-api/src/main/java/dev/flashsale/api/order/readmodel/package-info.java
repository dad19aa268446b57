/**
 * The PostgreSQL read model of orders and the projections that keep it: the order API's own requests, the
 * processor's results and the orders' lifecycle, consumed from Kafka in batches; and the orders this instance placed,
 * held in memory while it owns their partition.
 */
package dev.flashsale.api.order.readmodel;
