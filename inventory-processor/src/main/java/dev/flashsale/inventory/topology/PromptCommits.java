package dev.flashsale.inventory.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Commits a decision that someone waits for sooner than the commit interval, while the processor keeps up with its
 * input. Under exactly-once a decision is readable only once its transaction commits, and a commit every
 * {@code commit.interval.ms} made a buyer wait half an interval on average for nothing when the processor was idle
 * between requests. A commit costs the stream thread a few milliseconds of blocking and the broker a marker on every
 * partition written, so committing often is only cheap while there is little to do.
 * <p>
 * The rule: after a decision on a request that reached the processor fresh, Kafka Streams is asked to commit as soon
 * as the current records are processed, and at most once per {@code gap}; a decision made within the gap of the last
 * such commit is committed by a wall-clock punctuation when the gap is over. A request older than two gaps when it is
 * decided means the processor is behind: its decision is left to the interval's commit, so a backlog is drained in
 * transactions as large as before, and commits get prompt again once the processor has caught up. The bound is tight
 * because a commit blocks the stream thread: on two busy cores 5-10 ms, in which the next requests wait.
 * <p>
 * The age is measured against the request's record timestamp, which its producer set when it sent it; a skewed clock
 * between the two machines only makes commits more or less prompt, never wrong.
 */
final class PromptCommits {

    private final ProcessorContext<?, ?> context;
    private final long gapMs;
    private final long behindMs;
    private long lastRequestMs = Long.MIN_VALUE / 2;
    /** The punctuation that commits decisions made within the gap; null while none waits. */
    private Cancellable pending;

    /** @param gap the least time between two prompt commits; zero commits at the interval only */
    PromptCommits(ProcessorContext<?, ?> context, Duration gap) {
        this.context = context;
        this.gapMs = gap.toMillis();
        this.behindMs = 2 * gapMs;
    }

    /** A decision that someone waits for was made on a record with this timestamp. */
    void decided(long recordTimestamp) {
        if (gapMs <= 0) {
            return;
        }
        long now = context.currentSystemTimeMs();
        if (now - recordTimestamp > behindMs) {
            return;
        }
        if (now - lastRequestMs >= gapMs) {
            request(now);
        } else if (pending == null) {
            pending = context.schedule(Duration.ofMillis(gapMs - (now - lastRequestMs)),
                    PunctuationType.WALL_CLOCK_TIME, this::request);
        }
    }

    private void request(long now) {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        lastRequestMs = now;
        context.commit();
    }
}
