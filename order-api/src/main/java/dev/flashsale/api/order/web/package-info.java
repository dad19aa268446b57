/**
 * The HTTP side of orders: the controller, its request and response bodies, the OpenAPI documentation it
 * implements, the buyer's rate limit and how long a request may wait.
 */
package dev.flashsale.api.order.web;
