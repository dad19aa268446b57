package dev.flashsale.inventory.topology;

import dev.flashsale.events.DecisionProgress;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Publishes how far this task has processed its partition of the order requests ({@link DecisionProgress}), so that
 * the order API can tell a pending buyer their place in line. Only offsets are kept, in memory: one field per record,
 * nothing written to a store. The progress goes out on a wall-clock punctuation every interval, and only while the
 * partition moves, so an idle processor commits nothing for it.
 * <p>
 * Published in the transaction that commits the offsets processed, a progress never runs ahead of the committed
 * position; a task that takes the partition over starts from that position and publishes again after its first
 * record. A crash between a commit and the next punctuation leaves the last progress behind until the partition's next
 * record, which is harmless: every request below the committed position is decided, and its buyer learns so from the
 * decision itself.
 */
final class DecisionProgressReports {

    private final ProcessorContext<String, Outcome> context;
    private final Duration interval;
    /** Every record below it processed; -1 before the first. */
    private long nextOffset = -1;
    private int partition;
    /** The next offset of the last progress published; -1 before the first. */
    private long publishedOffset = -1;
    /** Where and when the rate's window started: the last publication, or the first record after an idle spell. */
    private long windowStartOffset;
    private long windowStartMs;
    /** The scheduled punctuation; null while the partition is idle. */
    private Cancellable publishing;

    /** @param interval how often the progress is published while the partition moves; must be positive */
    DecisionProgressReports(ProcessorContext<String, Outcome> context, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive but was " + interval);
        }
        this.context = context;
        this.interval = interval;
    }

    /** The record being processed is done with; the processor calls it once per input record. */
    void processed(RecordMetadata record) {
        long next = record.offset() + 1;
        if (next <= nextOffset) {
            return;
        }
        if (publishing == null) {
            windowStartOffset = Math.max(publishedOffset, record.offset());
            windowStartMs = context.currentSystemTimeMs();
            publishing = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::publish);
        }
        partition = record.partition();
        nextOffset = next;
    }

    void publish(long nowMs) {
        if (nextOffset == publishedOffset) {
            // Scheduled again by the next record.
            publishing.cancel();
            publishing = null;
            return;
        }
        // The punctuation may fire early after a start: never divide by less than an interval.
        double seconds = Math.max(nowMs - windowStartMs, interval.toMillis()) / 1000.0;
        double rate = (nextOffset - windowStartOffset) / seconds;
        publishedOffset = nextOffset;
        windowStartOffset = nextOffset;
        windowStartMs = nowMs;
        context.forward(new Record<>(Integer.toString(partition), new Outcome.ProgressMade(
                new DecisionProgress(partition, nextOffset, rate, Instant.ofEpochMilli(nowMs))), nowMs,
                new RecordHeaders()));
    }
}
