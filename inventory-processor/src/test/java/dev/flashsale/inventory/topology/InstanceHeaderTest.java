package dev.flashsale.inventory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class InstanceHeaderTest {

    @Test
    void stampsTheInstanceBesideTheEventsOwnHeadersAndReplacesAnEarlierStamp() {
        InstanceHeader stamp = new InstanceHeader();
        stamp.configure(Map.of(InstanceHeader.INSTANCE_CONFIG, "processor-b"));
        RecordHeaders headers = new RecordHeaders();
        EventHeaders.put(headers, EventHeaders.EVENT_TYPE, "OrderAccepted");
        EventHeaders.put(headers, EventHeaders.PROCESSOR_INSTANCE, "processor-a");
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("flashsale.order-results", 3, 1234L,
                bytes("order-1"), bytes("{}"), headers);

        ProducerRecord<byte[], byte[]> sent = stamp.onSend(record);

        assertThat(EventHeaders.get(sent.headers(), EventHeaders.PROCESSOR_INSTANCE)).isEqualTo("processor-b");
        assertThat(sent.headers().headers(EventHeaders.PROCESSOR_INSTANCE)).hasSize(1);
        assertThat(EventHeaders.get(sent.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("OrderAccepted");
        assertThat(sent.topic()).isEqualTo(record.topic());
        assertThat(sent.partition()).isEqualTo(3);
        assertThat(sent.timestamp()).isEqualTo(1234L);
        assertThat(sent.key()).isEqualTo(record.key());
        assertThat(sent.value()).isEqualTo(record.value());
        assertThat(EventHeaders.get(record.headers(), EventHeaders.PROCESSOR_INSTANCE))
                .as("the record handed in, which Kafka Streams may send again").isEqualTo("processor-a");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
