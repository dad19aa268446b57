package dev.flashsale.api.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code GET /api/sale/summary}, the operator view of the sale page.
 *
 * @param processorApplicationId the inventory processor's Kafka Streams {@code application.id}, which is its consumer
 *                               group: its committed offsets on the order requests are what it has decided. Unset or
 *                               blank, the processor's own default, as the processor reads the same setting
 */
@ConfigurationProperties("flashsale.sale-summary")
public record SaleSummarySettings(String processorApplicationId) {

    static final String PROCESSOR_DEFAULT = "flashsale-inventory";

    public SaleSummarySettings {
        if (processorApplicationId == null || processorApplicationId.isBlank()) {
            processorApplicationId = PROCESSOR_DEFAULT;
        }
    }
}
