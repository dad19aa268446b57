package dev.flashsale.api.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

import dev.flashsale.events.Topics;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

class ProducerWarmUpTest {

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, Object> template = mock(KafkaTemplate.class);

    @Test
    void theProducerIsCreatedWithTheOrderTopicsMetadataBeforeTheFirstOrder() {
        new ProducerWarmUp(template).run();

        then(template).should().partitionsFor(Topics.ORDER_REQUESTS.name());
        then(template).should().partitionsFor(Topics.ORDER_COMMANDS.name());
    }

    @Test
    void aBrokerThatIsNotThereYetDoesNotKeepTheApiFromStarting() {
        given(template.partitionsFor(Topics.ORDER_REQUESTS.name()))
                .willThrow(new TimeoutException("Topic flashsale.order-requests not present in metadata after 2000 ms."));

        assertThatCode(() -> new ProducerWarmUp(template).run()).doesNotThrowAnyException();
    }
}
