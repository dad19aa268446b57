package dev.flashsale.api.ops;

import dev.flashsale.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The order requests the inventory processor has not consumed yet: for each partition of
 * {@code flashsale.order-requests}, its end offset minus the offset the processor's consumer group committed there
 * (its start offset where the group committed nothing yet); unknown while the group committed nothing at all. With
 * exactly-once the processor commits its offsets in the transaction of its decisions, so this is what is left to
 * decide, a commit interval late. Asked of the broker at most once per {@link #REUSE}, however many operators watch.
 */
class ProcessorLag implements DisposableBean {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration REUSE = Duration.ofMillis(500);

    private static final String REQUESTS = Topics.ORDER_REQUESTS.name();

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
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin.listConsumerGroupOffsets(
                    processorGroup, new ListConsumerGroupOffsetsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS));
            committed.values().removeIf(Objects::isNull);
            if (committed.isEmpty()) {
                return null;
            }
            List<TopicPartition> partitions = admin.describeTopics(List.of(REQUESTS),
                    new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis())).allTopicNames()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).get(REQUESTS).partitions().stream()
                    .map(partition -> new TopicPartition(REQUESTS, partition.partition())).toList();
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
            // A partition the processor has committed nothing on yet is behind by all it holds.
            Map<TopicPartition, Long> starts = offsets(partitions.stream()
                    .filter(partition -> !committed.containsKey(partition)).toList(), OffsetSpec.earliest());
            long behind = 0;
            for (TopicPartition partition : partitions) {
                long done = committed.containsKey(partition) ? committed.get(partition).offset()
                        : starts.get(partition);
                behind += Math.max(0, ends.get(partition) - done);
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

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions().timeoutMs((int) TIMEOUT.toMillis())).all()
                .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
