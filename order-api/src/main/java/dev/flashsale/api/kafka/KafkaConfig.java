package dev.flashsale.api.kafka;

import dev.flashsale.events.OrderResult;
import dev.flashsale.events.PoisonRecordException;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.TopicProvisioner;
import dev.flashsale.events.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PublishSettings.class, TopicSettings.class })
class KafkaConfig {

    /**
     * One idempotent producer for everything the API writes. Events arrive already encoded by their topic's serde;
     * dead letters carry either the original bytes or, when the value was readable, the decoded event.
     */
    @Bean
    ProducerFactory<String, Object> producerFactory(KafkaProperties properties,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        Map<Class<?>, Serializer<?>> values = new LinkedHashMap<>();
        values.put(byte[].class, new ByteArraySerializer());
        values.put(OrderResult.class, Topics.ORDER_RESULT_SERDE.serializer());
        values.put(StockLevel.class, Topics.STOCK_LEVEL_SERDE.serializer());
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(
                properties.buildProducerProperties(), new StringSerializer(),
                new DelegatingByTypeSerializer(values, true));
        // As Boot does for its own factory: its Micrometer listener binds the producer's metrics.
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        // Closes and re-creates the producer after a fatal error instead of reusing it (issue 5's Kafka pitfalls).
        return new RecyclingKafkaTemplate<>(producerFactory);
    }

    /**
     * Poison goes to the dead-letter topic at once; every other failure is retried with a growing pause and no
     * limit, because a database outage must stall the read model, not empty it into the dead-letter topic. Every
     * {@link RetryListener} bean hears of the failures too (the dead-letter metric).
     */
    @Bean
    DefaultErrorHandler readModelErrorHandler(KafkaTemplate<String, Object> template,
            ObjectProvider<RetryListener> retryListeners) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                // A negative partition lets the producer choose: the dead-letter topic need not mirror the source's.
                (record, exception) -> new TopicPartition(Topics.DEAD_LETTERS.name(), -1));
        recoverer.setHeadersFunction(DeadLetters::headers);
        recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(PoisonRecordException.class);
        handler.setRetryListeners(Stream.concat(Stream.of(new ReadModelFailureLog()), retryListeners.orderedStream())
                .toArray(RetryListener[]::new));
        return handler;
    }

    /**
     * Runs before any listener container starts and before the API takes requests: the topics first, so no consumer
     * subscribes to a topic that does not exist yet, then the producer ({@link ProducerWarmUp}).
     */
    @Bean
    SmartInitializingSingleton topicProvisioning(KafkaProperties properties, TopicSettings settings,
            KafkaTemplate<String, Object> template) {
        return () -> {
            if (settings.provision()) {
                try (Admin admin = Admin.create(properties.buildAdminProperties())) {
                    TopicProvisioner.ensure(admin, Topics.ALL, settings.partitions(), settings.replicationFactor(),
                            settings.minInsyncReplicas(), settings.provisionTimeout().toMillis());
                }
            }
            new ProducerWarmUp(template).run();
        };
    }
}
