/**
 * Background jobs on the order tables: orders recorded but never marked published are sent again, and idempotency
 * keys past their retention are forgotten.
 */
package dev.flashsale.api.order.maintenance;
