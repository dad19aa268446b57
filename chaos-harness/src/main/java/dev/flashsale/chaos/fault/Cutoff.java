package dev.flashsale.chaos.fault;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A processor instance partitioned from every broker until its consumer group had moved on without it, as
 * {@link FaultKind#PARTITION_PROCESSOR} does it. From then on its writes must be fenced, until it is legitimately back
 * in the group.
 *
 * @param instance the partitioned instance, as the {@code processor-instance} header of its records names it
 * @param movedOn  the end of every partition the processor writes to, once the group had none of its members left
 * @param rejoined the same once one of its members was back in the stable group; empty if it never came back
 */
public record Cutoff(String instance, Map<TopicPartition, Long> movedOn, Map<TopicPartition, Long> rejoined) {
}
