package dev.flashsale.events;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that no code path can turn into a valid event. It is never retried: the record goes to the dead-letter
 * topic with {@link #reason()} in a header, and processing moves on.
 */
public class PoisonRecordException extends SerializationException {

    private final PoisonReason reason;

    public PoisonRecordException(PoisonReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PoisonRecordException(PoisonReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public PoisonReason reason() {
        return reason;
    }
}
