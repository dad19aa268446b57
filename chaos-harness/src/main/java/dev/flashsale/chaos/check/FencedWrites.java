package dev.flashsale.chaos.check;

import dev.flashsale.chaos.fault.Cutoff;
import dev.flashsale.events.EventHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a processor instance cut off from the brokers was fenced: once the group had moved on without it and the
 * new owner's first record appeared in a partition, no later record of the cut-off instance may be committed there
 * until the instance is legitimately back in the group. With exactly-once (v2), a zombie's transaction cannot commit
 * once its group generation is gone, so its writes stay invisible to {@code read_committed}; without it, what the
 * instance still had in flight lands after the heal. Which instance wrote a record the processor's
 * {@code processor-instance} header says.
 *
 * @param cutoffs the instances cut off, with the offsets that bound each cut-off
 * @param written per partition of the processor's output, every committed record with the instance that wrote it,
 *                in offset order; records without the header (the order API's requests) are left out
 */
public record FencedWrites(List<Cutoff> cutoffs, Map<TopicPartition, List<Written>> written) {

    public static final String NAME = "record of a partitioned, fenced processor committed after the new owner's";

    /** One committed record: where it is and who wrote it. */
    public record Written(long offset, String instance) {
    }

    /** The processor's records in the topics of {@code cutoffs}, read from the beginning ({@code read_committed}). */
    public static FencedWrites read(String bootstrapServers, List<Cutoff> cutoffs) {
        Set<String> topics = new TreeSet<>();
        cutoffs.forEach(cutoff -> cutoff.movedOn().keySet().forEach(partition -> topics.add(partition.topic())));
        Map<TopicPartition, List<Written>> written = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = LogSnapshot.consumer(bootstrapServers)) {
            for (String topic : topics) {
                LogSnapshot.readAll(consumer, topic, record -> {
                    String instance = EventHeaders.get(record.headers(), EventHeaders.PROCESSOR_INSTANCE);
                    if (instance != null) {
                        written.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                                partition -> new ArrayList<>()).add(new Written(record.offset(), instance));
                    }
                });
            }
        }
        return new FencedWrites(cutoffs, written);
    }

    public Check check() {
        List<String> offenders = new ArrayList<>();
        long taken = 0;
        long inFences = 0;
        for (Cutoff cutoff : cutoffs) {
            for (Map.Entry<TopicPartition, Long> from : cutoff.movedOn().entrySet()) {
                TopicPartition partition = from.getKey();
                long to = cutoff.rejoined().getOrDefault(partition, Long.MAX_VALUE);
                Written newOwner = null;
                for (Written record : written.getOrDefault(partition, List.of())) {
                    if (record.offset() < from.getValue() || record.offset() >= to) {
                        continue;
                    }
                    if (newOwner == null) {
                        if (!record.instance().equals(cutoff.instance())) {
                            newOwner = record;
                            taken++;
                        }
                        continue;
                    }
                    inFences++;
                    if (record.instance().equals(cutoff.instance())) {
                        offenders.add(partition + "@" + record.offset() + " by " + cutoff.instance() + " after "
                                + newOwner.instance() + "'s at " + newOwner.offset());
                    }
                }
            }
        }
        long records = written.values().stream().mapToLong(List::size).sum();
        String figure = String.format("%d cut-offs; the new owner wrote in %d partitions, %d records after its first;"
                + " %d stamped records read", cutoffs.size(), taken, inFences, records);
        return Check.of(NAME, figure, offenders);
    }
}
