package dev.flashsale.api.order.web;

import java.time.Duration;

/** The buyer sent orders faster than the rate limit allows; nothing was placed. */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    RateLimitedException(Duration retryAfter) {
        // No stack trace: an expected answer under load, not a fault to debug.
        super("Too many orders; retry in " + retryAfterSeconds(retryAfter) + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, as the Retry-After header needs; at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds(retryAfter);
    }

    private static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
