package dev.flashsale.api.order.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.web.ValidationWarmUp;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderValidationWarmUpTest {

    @Test
    void theWarmUpCoversTheOrderControllerAndEveryRequestItReadsDownToTheCartsItems() {
        assertThat(ValidationWarmUp.validatedBy(List.of(OrderController.class))).contains(OrderController.class,
                PlaceOrderRequest.class, OrderItemRequest.class, PaymentRequest.class);
    }

    @Test
    void typesOfLibrariesAndTheJdkAreLeftToTheValidatorsOwnTime() {
        assertThat(ValidationWarmUp.validatedBy(List.of(OrderController.class)))
                .allMatch(type -> type.getName().startsWith("dev.flashsale."));
    }
}
