package dev.flashsale.api.product.web;

import dev.flashsale.events.PaymentWindowSet;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The {@code paymentWindow} of a product as a client writes it: an ISO-8601 duration such as {@code PT30S}. */
final class PaymentWindows {

    static final String FIELD = "paymentWindow";
    static final String RULE = "must be an ISO-8601 duration from PT" + PaymentWindowSet.MIN_SECONDS + "S to P"
            + PaymentWindowSet.MAX_DAYS + "D in whole milliseconds, such as PT30S or PT10M, or null for the default";

    private PaymentWindows() {
    }

    /** @throws InvalidPatchException naming the field, for anything but a valid window (null text included) */
    static Duration parse(String text) {
        if (text == null || text.length() > 64) {
            throw new InvalidPatchException(FIELD, RULE);
        }
        Duration window;
        try {
            window = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidPatchException(FIELD, RULE);
        }
        // The read model keeps milliseconds; a finer window would be shown other than the processor applies it.
        if (!PaymentWindowSet.isValidWindow(window) || window.getNano() % 1_000_000 != 0) {
            throw new InvalidPatchException(FIELD, RULE);
        }
        return window;
    }
}
