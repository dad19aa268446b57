package dev.flashsale.api.product.web;

import dev.flashsale.events.PurchaseLimitSet;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge patch (RFC 7396) of a product, read by hand: a record would not tell {@code "maxPerCustomer": null}
 * (remove the limit) from a body without the field. Only the limit may be patched.
 *
 * @param maxPerCustomer the new limit, or null to remove it
 */
record PurchaseLimitPatch(Integer maxPerCustomer) {

    static final String FIELD = "maxPerCustomer";

    static PurchaseLimitPatch from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidPatchException("$", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!FIELD.equals(name)) {
                throw new InvalidPatchException(name, "is not a field that can be changed");
            }
        }
        JsonNode value = body.get(FIELD);
        if (value == null) {
            throw new InvalidPatchException(FIELD, "is required: a number, or null to remove the limit");
        }
        if (value.isNull()) {
            return new PurchaseLimitPatch(null);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidPatchException(FIELD, "must be a whole number between 1 and "
                    + PurchaseLimitSet.MAX_LIMIT + ", or null");
        }
        int limit = value.intValue();
        if (limit < 1 || limit > PurchaseLimitSet.MAX_LIMIT) {
            throw new InvalidPatchException(FIELD, "must be between 1 and " + PurchaseLimitSet.MAX_LIMIT
                    + ", or null");
        }
        return new PurchaseLimitPatch(limit);
    }
}
