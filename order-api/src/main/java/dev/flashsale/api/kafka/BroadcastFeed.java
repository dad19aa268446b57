package dev.flashsale.api.kafka;

import dev.flashsale.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Hands every record of a topic, from its beginning, to this API instance: no consumer group, so each instance reads
 * all partitions, unlike the read-model listeners that share them. Made for compacted topics that describe current
 * state, such as the stock levels. Nothing is committed; a restart reads the topic again. Unreadable records are
 * skipped here (the read-model listener dead-letters them). Started with the listener containers, so
 * {@code spring.kafka.listener.auto-startup=false} holds it back too. Partitions added while it runs are read after
 * a restart.
 */
public final class BroadcastFeed<V> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BroadcastFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Topic<String, V> topic;
    private final Consumer<List<V>> sink;
    private final Map<String, Object> config;
    private final boolean autoStartup;

    private volatile boolean running;
    private volatile KafkaConsumer<String, V> consumer;
    private Thread thread;

    public BroadcastFeed(Topic<String, V> topic, Consumer<List<V>> sink, KafkaProperties properties) {
        this.topic = topic;
        this.sink = sink;
        this.config = new HashMap<>(properties.buildConsumerProperties());
        this.config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flashsale-order-api-broadcast-" + topic.name());
        this.autoStartup = properties.getListener().isAutoStartup();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "broadcast-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, V> kafka = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                    new ErrorHandlingDeserializer<>(topic.valueSerde().deserializer()))) {
                consumer = kafka;
                readFromTheBeginning(kafka);
            } catch (WakeupException e) {
                // stop() was called
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Reading {} failed; reading it again from the beginning in {}: {}", topic.name(), RETRY,
                            NestedExceptionUtils.getMostSpecificCause(e).toString());
                    pause();
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void readFromTheBeginning(KafkaConsumer<String, V> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist yet");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        while (running) {
            List<V> values = new ArrayList<>();
            for (ConsumerRecord<String, V> record : kafka.poll(POLL)) {
                if (record.value() != null) {
                    values.add(record.value());
                }
            }
            if (!values.isEmpty()) {
                sink.accept(values);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
