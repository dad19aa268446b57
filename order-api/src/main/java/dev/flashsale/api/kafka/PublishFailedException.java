package dev.flashsale.api.kafka;

/**
 * Kafka did not acknowledge an event within the publish timeout. The event may or may not have been written: the
 * caller undoes what it recorded for it and the client is asked to retry.
 */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
