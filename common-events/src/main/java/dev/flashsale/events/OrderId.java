package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies an order; the key of the order-results topic. */
public record OrderId(@JsonValue String value) {

    @JsonCreator
    public OrderId {
        Ids.requireText(value, "orderId");
    }

    public static OrderId random() {
        return new OrderId(RandomIds.uuid().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
