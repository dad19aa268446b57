package dev.flashsale.inventory.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Commits the decisions that someone waits for as soon as the processor has caught up with its input, instead of at
 * the next commit interval: a group commit. Under exactly-once a decision is readable only once its transaction
 * commits, and a commit blocks the stream thread (flush, offsets, end of transaction: about 10 ms on two busy cores),
 * so the requests that arrive during one commit are decided together and committed by the next. A buyer then waits
 * about one commit for a decision to become readable, however busy the processor is, and the number of commits
 * follows the load.
 * <p>
 * The rule: the first decision after a quiet gap is committed at once. Later ones are looked after by a wall-clock
 * punctuation, which Kafka Streams runs between batches of records: when the processor decided nothing since its
 * previous look, its input is drained and it asks for a commit; while it stays busy, the decisions are committed
 * once the oldest has waited two gaps, so that a steady stream of requests cannot hold them back until the commit
 * interval. Two prompt commits are at least a gap apart: each costs the processor and the broker CPU that the rest
 * of the system needs under load.
 */
final class PromptCommits {

    /** How often the thread looks, at most: once a pass, as Kafka Streams checks punctuations between batches. */
    private static final Duration LOOK = Duration.ofMillis(1);

    private final ProcessorContext<?, ?> context;
    private final long gapMs;
    private final long maxWaitMs;
    private long lastCommitMs = Long.MIN_VALUE / 2;
    private long lastDecisionMs = Long.MIN_VALUE / 2;
    private long waitingSinceMs;
    /** Whether a decision was made since the punctuation last looked: the processor is still busy. */
    private boolean decidedSinceLook;
    /** The punctuation that looks whether the decisions can be committed; null while none waits. */
    private Cancellable looking;

    /** @param gap the least time between two prompt commits; zero commits at the interval only */
    PromptCommits(ProcessorContext<?, ?> context, Duration gap) {
        this.context = context;
        this.gapMs = gap.toMillis();
        this.maxWaitMs = 2 * gapMs;
    }

    /** A decision that someone waits for was made. */
    void decided() {
        if (gapMs <= 0) {
            return;
        }
        long now = context.currentSystemTimeMs();
        boolean alone = now - lastDecisionMs >= gapMs;
        lastDecisionMs = now;
        if (alone && now - lastCommitMs >= gapMs) {
            // The first decision after a quiet gap: most likely the only one, and the thread would otherwise poll
            // for more before it looks again.
            commit(now);
        } else if (looking == null) {
            waitingSinceMs = now;
            decidedSinceLook = false;
            looking = context.schedule(LOOK, PunctuationType.WALL_CLOCK_TIME, this::look);
        } else {
            decidedSinceLook = true;
        }
    }

    private void look(long now) {
        boolean caughtUp = !decidedSinceLook;
        decidedSinceLook = false;
        if (now - lastCommitMs < gapMs) {
            return;
        }
        if (caughtUp || now - waitingSinceMs >= maxWaitMs) {
            commit(now);
        }
    }

    private void commit(long now) {
        if (looking != null) {
            looking.cancel();
            looking = null;
        }
        lastCommitMs = now;
        context.commit();
    }
}
