package dev.flashsale.api.web;

import java.io.IOException;

/** Thrown while reading a body sent without a length once it passes the limit. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
    }
}
