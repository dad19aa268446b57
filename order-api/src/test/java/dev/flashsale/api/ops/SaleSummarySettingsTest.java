package dev.flashsale.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaleSummarySettingsTest {

    @Test
    void namesTheProcessorsGroupAsConfigured() {
        assertThat(new SaleSummarySettings("sale-2026").processorApplicationId()).isEqualTo("sale-2026");
    }

    @Test
    void takesTheProcessorsDefaultWhenUnsetOrBlank() {
        assertThat(new SaleSummarySettings(null).processorApplicationId()).isEqualTo("flashsale-inventory");
        assertThat(new SaleSummarySettings(" ").processorApplicationId()).isEqualTo("flashsale-inventory");
    }
}
