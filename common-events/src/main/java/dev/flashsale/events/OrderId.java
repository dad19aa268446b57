package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** Identifies an order; the key of the order-results topic. */
public record OrderId(@JsonValue String value) {

    @JsonCreator
    public OrderId {
        Ids.requireText(value, "orderId");
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
