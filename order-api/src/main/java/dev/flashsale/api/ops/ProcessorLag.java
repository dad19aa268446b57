package dev.flashsale.api.ops;

import dev.flashsale.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The order requests the inventory processor has not consumed yet: for each partition of
 * {@code flashsale.order-requests}, its end offset minus the offset the processor's consumer group committed. With
 * exactly-once the processor commits its offsets in the transaction of its decisions, so this is what is left to
 * decide, a commit interval late. Asked of the broker at most once per {@link #REUSE}, however many operators watch.
 */
class ProcessorLag implements DisposableBean {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration REUSE = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(ProcessorLag.class);

    private final Admin admin;
    private final String processorGroup;
    private final Clock clock;
    private Instant measuredAt = Instant.MIN;
    private Long lag;

    ProcessorLag(Admin admin, String processorGroup, Clock clock) {
        this.admin = admin;
        this.processorGroup = processorGroup;
        this.clock = clock;
    }

    /** The lag in records, or null if the processor has committed nothing or the broker did not answer in time. */
    synchronized Long records() {
        Instant now = clock.instant();
        if (now.isBefore(measuredAt.plus(REUSE))) {
            return lag;
        }
        lag = measure();
        measuredAt = now;
        return lag;
    }

    private Long measure() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(processorGroup,
                    new ListConsumerGroupOffsetsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null && partition.topic().equals(Topics.ORDER_REQUESTS.name())) {
                    ends.put(partition, OffsetSpec.latest());
                }
            });
            if (ends.isEmpty()) {
                return null;
            }
            Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(ends,
                    new ListOffsetsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .all().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            long behind = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : latest.entrySet()) {
                behind += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
            }
            return behind;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Processor lag unknown: {}", e.toString());
            return null;
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
