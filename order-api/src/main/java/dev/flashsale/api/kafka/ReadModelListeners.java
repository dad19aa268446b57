package dev.flashsale.api.kafka;

import dev.flashsale.events.Topic;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the batch listener containers that keep the read model up to date, each decoding its topic with the serde
 * the topic registry pairs with it. Consumer settings ({@code spring.kafka.consumer.*}, {@code read_committed}
 * among them) and {@code spring.kafka.listener.*} come from {@code application.yml}. Boot's consumer factory
 * customizers apply as they would to its own factory (its Micrometer listener binds the consumers' metrics, lag among
 * them), and every {@link ReadModelObserver} bean hears of what was applied.
 */
@Component
public class ReadModelListeners {

    /** How often a listener commits the offsets of what it applied, at most. */
    public static final Duration OFFSET_COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final KafkaProperties properties;
    private final ConcurrentKafkaListenerContainerFactoryConfigurer configurer;
    private final DefaultErrorHandler errorHandler;
    private final TransactionTemplate transactions;
    private final List<DefaultKafkaConsumerFactoryCustomizer> customizers;
    private final List<ReadModelObserver> observers;

    ReadModelListeners(KafkaProperties properties, ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            DefaultErrorHandler readModelErrorHandler, PlatformTransactionManager transactionManager,
            ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers,
            ObjectProvider<ReadModelObserver> observers) {
        this.properties = properties;
        this.configurer = configurer;
        this.errorHandler = readModelErrorHandler;
        this.transactions = new TransactionTemplate(transactionManager);
        this.customizers = customizers.orderedStream().toList();
        this.observers = observers.orderedStream().toList();
    }

    /** A container that applies every record of {@code topic} to {@code writer}, poison to the dead-letter topic. */
    public <V> ConcurrentMessageListenerContainer<String, V> container(Topic<String, V> topic,
            ReadModelWriter<V> writer) {
        // A record the serde cannot decode becomes a null value with the error in a header, instead of an exception
        // in poll() that would stop the consumer on the same offset forever.
        Deserializer<V> values = new ErrorHandlingDeserializer<>(topic.valueSerde().deserializer());
        DefaultKafkaConsumerFactory<String, V> consumers = new DefaultKafkaConsumerFactory<>(
                properties.buildConsumerProperties(), topic.keySerde().deserializer(), values);
        customizers.forEach(customizer -> customizer.customize(consumers));
        ConcurrentKafkaListenerContainerFactory<String, V> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configure(factory, consumers);
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(errorHandler);
        ConcurrentMessageListenerContainer<String, V> container = factory.createContainer(topic.name());
        // Not after every batch: six consumers fetching small batches committed about 90 times a second, each commit
        // records written to __consumer_offsets for every partition, a tenth of the broker's work in a sale, and each
        // held its listener for a broker round trip. The projections are idempotent: at most a second of records is
        // applied again after a crash. Once a second the round trip costs nothing, and a synchronous commit that meets
        // a rebalance is made again after it (an asynchronous one would be dropped, and with cooperative rebalancing
        // the partition stays, so nothing else would commit it until the next record).
        container.getContainerProperties().setSyncCommits(true);
        container.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        container.getContainerProperties().setAckTime(OFFSET_COMMIT_INTERVAL.toMillis());
        // The container looks whether a commit is due when poll returns; an idle poll waits this long (5 s by
        // default), so the last records of a burst were committed up to five intervals after they were applied.
        container.getContainerProperties().setPollTimeout(OFFSET_COMMIT_INTERVAL.toMillis());
        container.setupMessageListener(new ReadModelBatchListener<>(topic, writer, transactions, observers));
        return container;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private void configure(ConcurrentKafkaListenerContainerFactory<String, ?> factory,
            ConsumerFactory<String, ?> consumers) {
        // Boot's configurer is typed for Object keys and values; it only copies settings, so the cast is safe.
        configurer.configure((ConcurrentKafkaListenerContainerFactory) factory, (ConsumerFactory) consumers);
    }
}
