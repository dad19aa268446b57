package dev.flashsale.chaos.load;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** One HTTP answer of the order API, with the fields the harness reads from its JSON body. */
public record Answer(int status, JsonNode body, Duration retryAfter) {

    public String field(String name) {
        JsonNode value = body.path(name);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    public boolean isServerError() {
        return status >= 500;
    }
}
