package dev.flashsale.api.ops;

import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code GET /api/sale/summary}, the operator view of the sale page.
 *
 * @param processorApplicationId the inventory processor's Kafka Streams {@code application.id}, which is its consumer
 *                               group: its committed offsets on the order requests are what it has decided
 */
@ConfigurationProperties("flashsale.sale-summary")
public record SaleSummarySettings(String processorApplicationId) {

    public SaleSummarySettings {
        Objects.requireNonNull(processorApplicationId, "flashsale.sale-summary.processor-application-id");
        if (processorApplicationId.isBlank()) {
            throw new IllegalArgumentException("flashsale.sale-summary.processor-application-id must not be blank");
        }
    }
}
