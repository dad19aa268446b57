package dev.flashsale.events;

import java.time.Instant;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The one JSON mapper of the contract, so every producer and consumer reads and writes events alike. */
public final class EventJson {

    /**
     * Unknown properties are ignored so that a field added in a later schema version does not break older readers;
     * a missing number is an error rather than a silent zero.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("event-instants").addDeserializer(Instant.class, new InstantReader())
                    .addSerializer(Instant.class, new InstantWriter()))
            .build();

    private EventJson() {
    }
}
