package dev.flashsale.examples.notification;

import dev.flashsale.events.OrderResult;
import dev.flashsale.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A team's notification service consuming flashsale's decisions. Everything it needs from flashsale is
 * {@code common-events}: {@link Topics#ORDER_RESULTS} names the topic and pairs it with the serdes that read the
 * {@code event-type} and {@code schema-version} headers. The rest is {@code application.yml}: its own consumer group
 * and {@code isolation.level=read_committed}, because the decisions are written in transactions.
 */
@SpringBootApplication
public class NotificationApplication {

    private static final Logger log = LoggerFactory.getLogger(NotificationApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }

    /**
     * The listener containers: Boot's consumer settings ({@code spring.kafka.consumer.*}) with the contract's
     * deserializers. A value the serde cannot read (a schema version newer than this build knows, say) becomes an
     * error for the handler instead of stopping the consumer. A notifier that fails is retried twice, then the record
     * is logged and skipped: a buyer who misses a notification can still look the order up, and the partition keeps
     * moving. (Upgrade this build when a newer schema version shows up in the log.)
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, OrderResult> kafkaListenerContainerFactory(
            KafkaProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, OrderResult> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(properties.buildConsumerProperties(),
                Topics.ORDER_RESULTS.keySerde().deserializer(),
                new ErrorHandlingDeserializer<>(Topics.ORDER_RESULTS.valueSerde().deserializer())));
        factory.setCommonErrorHandler(new DefaultErrorHandler((record, exception) -> log.error(
                "Skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                NestedExceptionUtils.getMostSpecificCause(exception).toString()), new FixedBackOff(500, 2)));
        return factory;
    }
}
