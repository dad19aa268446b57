package dev.flashsale.api.web;

/**
 * One entry of a problem's {@code errors} array.
 *
 * @param field the JSON path of the field in the body, such as {@code items[0].quantity}, or the name of the header
 *              or query parameter at fault
 */
record InvalidField(String field, String message) {
}
