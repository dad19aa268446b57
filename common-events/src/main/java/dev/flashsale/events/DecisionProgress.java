package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;

/**
 * How far the inventory processor has decided one partition of {@link Topics#ORDER_REQUESTS}: the value of the
 * compacted {@link Topics#DECISION_PROGRESS} topic, keyed by that partition's number. A request acknowledged at offset
 * {@code o} of the partition has {@code o - nextOffset + 1} records of the partition, itself included, still to be
 * processed while {@code nextOffset <= o}, and is decided once {@code nextOffset > o}. The records counted are every
 * record of the partition: requests, and the units the order aggregator releases.
 *
 * @param partition          the partition of {@link Topics#ORDER_REQUESTS}
 * @param nextOffset         every record of the partition below this offset has been processed; grows, so a reader
 *                           keeps the highest it saw per partition
 * @param decisionsPerSecond the partition's records processed per second since the previous progress of the
 *                           partition, or over the processor's publishing interval; 0 when it had nothing to do
 * @param occurredAt         when the processor published it
 */
public record DecisionProgress(int partition, long nextOffset, double decisionsPerSecond, Instant occurredAt) {

    public DecisionProgress {
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative but was " + partition);
        }
        if (nextOffset < 0) {
            throw new IllegalArgumentException("nextOffset must not be negative but was " + nextOffset);
        }
        if (!(decisionsPerSecond >= 0) || Double.isInfinite(decisionsPerSecond)) {
            throw new IllegalArgumentException("decisionsPerSecond must be finite and not negative but was "
                    + decisionsPerSecond);
        }
    }

    /**
     * The records of the partition, the request at {@code requestOffset} included, not processed yet: 0 once it is
     * decided.
     */
    public long undecidedUpTo(long requestOffset) {
        return Math.max(0, requestOffset - nextOffset + 1);
    }
}
