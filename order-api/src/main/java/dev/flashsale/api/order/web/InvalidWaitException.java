package dev.flashsale.api.order.web;

/** A {@code wait} query parameter that is not a duration. */
public class InvalidWaitException extends RuntimeException {

    public static final String PARAMETER = "wait";

    InvalidWaitException(String message) {
        super(message);
    }
}
