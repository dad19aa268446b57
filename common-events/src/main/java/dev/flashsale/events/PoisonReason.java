package dev.flashsale.events;

/** Why a record went to the dead-letter topic; the value of its {@link EventHeaders#DLQ_REASON} header. */
public enum PoisonReason {
    /** No value, or bytes that are not JSON of the announced type. */
    UNREADABLE,
    /** No {@link EventHeaders#EVENT_TYPE} header, or one this stream does not know. */
    UNKNOWN_EVENT_TYPE,
    /** A {@link EventHeaders#SCHEMA_VERSION} newer than this reader understands, or not a number. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** Readable, but breaks a rule of the event: a negative quantity, a missing ID. */
    INVALID_EVENT,
    /** The record key is not the ID the value says it is keyed by; it would be decided on the wrong partition. */
    KEY_MISMATCH,
    /** A valid event that cannot apply, such as a restock of a product the processor has never seen. */
    NOT_APPLICABLE
}
