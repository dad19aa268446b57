package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a product. Also the Kafka key of every inventory topic, so one product lives on one partition. */
public record ProductId(@JsonValue String value) {

    @JsonCreator
    public ProductId {
        Ids.requireText(value, "productId");
    }

    public static ProductId random() {
        return new ProductId(RandomIds.uuid().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
