package dev.flashsale.events;

/**
 * One concrete event class with the name and schema version it travels under.
 *
 * @param name          the {@link EventHeaders#EVENT_TYPE} header value
 * @param schemaVersion the newest {@link EventHeaders#SCHEMA_VERSION} this code writes and reads
 */
public record EventType<T>(Class<T> type, String name, int schemaVersion) {

    public static <T> EventType<T> of(Class<T> type, int schemaVersion) {
        return new EventType<>(type, type.getSimpleName(), schemaVersion);
    }
}
