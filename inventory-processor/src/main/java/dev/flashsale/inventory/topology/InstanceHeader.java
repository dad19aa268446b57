package dev.flashsale.inventory.topology;

import dev.flashsale.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Stamps every record the processor's producers send, changelogs included, with the instance that sent it
 * ({@link EventHeaders#PROCESSOR_INSTANCE}), so that the log says which instance a decision came from without the
 * event carrying it. Public because Kafka creates it by its class name ({@code interceptor.classes}).
 */
public final class InstanceHeader implements ProducerInterceptor<byte[], byte[]> {

    /** The producer setting that carries {@link TopologySettings#instance()} to {@link #configure}. */
    static final String INSTANCE_CONFIG = "flashsale.processor.instance";

    private byte[] instance;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(INSTANCE_CONFIG);
        if (configured == null) {
            throw new IllegalArgumentException(INSTANCE_CONFIG + " is not set");
        }
        instance = configured.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        // A copy: the producer makes the headers it sends read-only, and Kafka Streams may pass one record's headers
        // on to more than one send.
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(EventHeaders.PROCESSOR_INSTANCE);
        headers.add(EventHeaders.PROCESSOR_INSTANCE, instance);
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
                record.value(), headers);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
