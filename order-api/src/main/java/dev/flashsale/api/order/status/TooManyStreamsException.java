package dev.flashsale.api.order.status;

/** As many status streams are open on this instance as {@code flashsale.status-streams.max-open} allows. */
public class TooManyStreamsException extends RuntimeException {

    /** Streams end as their orders are decided, which in a sale takes seconds; sooner would only be refused again. */
    public static final long RETRY_AFTER_SECONDS = 5;

    TooManyStreamsException(int open) {
        // No stack trace: an expected answer under load, not a fault to debug.
        super("This server holds " + open + " status streams, as many as it may; retry in " + RETRY_AFTER_SECONDS
                + " s", null, false, false);
    }
}
