package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies the buyer who placed an order. */
public record CustomerId(@JsonValue String value) {

    @JsonCreator
    public CustomerId {
        Ids.requireText(value, "customerId");
    }

    @Override
    public String toString() {
        return value;
    }
}
