/**
 * Following an order's status: requests that wait for a decision or a command's answer (long-polls, submissions
 * with {@code Prefer: wait}) without a thread each, completed when the read model has the answer or found there by a
 * recheck; and the Server-Sent Events stream of an order's changes.
 */
package dev.flashsale.api.order.status;
