package dev.flashsale.api.order;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code POST /api/orders/{id}/payment} and {@code /cancel}.
 *
 * @param answerTimeout how long a request waits for the order aggregator's answer before it is answered 202, the
 *                      command still on its way
 */
@ConfigurationProperties("flashsale.commands")
public record CommandSettings(Duration answerTimeout) {

    public CommandSettings {
        Objects.requireNonNull(answerTimeout, "flashsale.commands.answer-timeout");
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("flashsale.commands.answer-timeout must be positive");
        }
    }
}
