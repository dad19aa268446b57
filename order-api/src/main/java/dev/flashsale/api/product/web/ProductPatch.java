package dev.flashsale.api.product.web;

import dev.flashsale.events.PurchaseLimitSet;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge patch (RFC 7396) of a product, read by hand: a record would not tell {@code "maxPerCustomer": null}
 * (remove the limit) from a body without the field. The limit and the payment window may be patched, one or both.
 *
 * @param setsLimit      whether the body has {@code maxPerCustomer}
 * @param maxPerCustomer the new limit, or null to remove it
 * @param setsWindow     whether the body has {@code paymentWindow}
 * @param paymentWindow  the new window, or null for the processor's default
 */
record ProductPatch(boolean setsLimit, Integer maxPerCustomer, boolean setsWindow, Duration paymentWindow) {

    static final String LIMIT = "maxPerCustomer";
    static final String WINDOW = "paymentWindow";

    static ProductPatch from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidPatchException("$", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!LIMIT.equals(name) && !WINDOW.equals(name)) {
                throw new InvalidPatchException(name, "is not a field that can be changed");
            }
        }
        JsonNode limit = body.get(LIMIT);
        JsonNode window = body.get(WINDOW);
        if (limit == null && window == null) {
            throw new InvalidPatchException("$", "must change " + LIMIT + " or " + WINDOW
                    + " (a value, or null for the default)");
        }
        return new ProductPatch(limit != null, limit == null ? null : limit(limit), window != null,
                window == null || window.isNull() ? null : PaymentWindows.parse(window.isString() ? window.asString()
                        : null));
    }

    private static Integer limit(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidPatchException(LIMIT, "must be a whole number between 1 and "
                    + PurchaseLimitSet.MAX_LIMIT + ", or null");
        }
        int limit = value.intValue();
        if (limit < 1 || limit > PurchaseLimitSet.MAX_LIMIT) {
            throw new InvalidPatchException(LIMIT, "must be between 1 and " + PurchaseLimitSet.MAX_LIMIT
                    + ", or null");
        }
        return limit;
    }
}
