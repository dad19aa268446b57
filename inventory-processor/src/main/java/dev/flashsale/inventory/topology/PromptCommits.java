package dev.flashsale.inventory.topology;

import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetrics;
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
 * <p>
 * The gap is kept per stream thread, not per task. Under exactly-once v2 a thread's tasks share one transaction, so a
 * commit asked for by one of them commits them all, and it costs more the more partitions it spans; paced per task,
 * a thread with several busy tasks would commit once per task and gap and do little else. A decision that another
 * task's commit took along is not committed again.
 * <p>
 * The gap follows the load, from the configured gap up to the commit interval: it is the thread's recent wait from a
 * request to its decision (a moving average of the records' ages when decided). On a quiet system requests are
 * decided within milliseconds, so a lone buyer waits one short commit; when commits keep the thread from its input,
 * requests wait longer, and the gap widens until the thread spends its time deciding rather than committing.
 */
final class PromptCommits {

    /** How often the thread looks, at most: once a pass, as Kafka Streams checks punctuations between batches. */
    private static final Duration LOOK = Duration.ofMillis(1);

    /** The current stream thread's commits; a thread runs the tasks of one Kafka Streams instance only. */
    private static final ThreadLocal<ThreadCommits> THREAD = new ThreadLocal<>();

    /** The commit interval of exactly-once when none is configured. */
    private static final long DEFAULT_INTERVAL_MS = 100;

    /** The weight of the newest request's age in the thread's moving average. */
    private static final double AGE_WEIGHT = 0.05;

    private final ProcessorContext<?, ?> context;
    private final long minGapMs;
    private final long maxGapMs;
    private long waitingSinceMs;
    /** The thread's commit count when this task last decided: any later commit took its decisions along. */
    private long commitsAtLastDecision;
    /** Whether a decision was made since the punctuation last looked: the processor is still busy. */
    private boolean decidedSinceLook;
    /** The punctuation that looks whether the decisions can be committed; null while none waits. */
    private Cancellable looking;

    /**
     * @param gap the least time between two prompt commits of a stream thread; zero commits at the interval only. The
     *            widest it gets is the commit interval ({@code commit.interval.ms}, 100 ms when not configured).
     */
    PromptCommits(ProcessorContext<?, ?> context, Duration gap) {
        this.context = context;
        this.minGapMs = gap.toMillis();
        Object interval = context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        this.maxGapMs = Math.max(minGapMs, interval == null ? DEFAULT_INTERVAL_MS : Long.parseLong(interval.toString()));
    }

    /**
     * A decision that someone waits for was made.
     *
     * @param requestedAtMs the timestamp of the record decided on: when it was requested
     */
    void decided(long requestedAtMs) {
        if (minGapMs <= 0) {
            return;
        }
        ThreadCommits thread = thread();
        long now = context.currentSystemTimeMs();
        // Bounded, so that the old records read after a restart widen the gap for moments, not minutes.
        long age = Math.max(0, Math.min(now - requestedAtMs, 2 * maxGapMs));
        thread.ageMs += AGE_WEIGHT * (age - thread.ageMs);
        long gapMs = gap(thread);
        boolean alone = now - thread.lastDecisionMs >= gapMs;
        thread.lastDecisionMs = now;
        commitsAtLastDecision = thread.commits;
        if (alone && now - thread.lastCommitMs >= gapMs) {
            // The first decision after a quiet gap: most likely the only one, and the thread would otherwise poll
            // for more before it looks again.
            commit(thread, now);
        } else if (looking == null) {
            waitingSinceMs = now;
            decidedSinceLook = false;
            looking = context.schedule(LOOK, PunctuationType.WALL_CLOCK_TIME, this::look);
        } else {
            decidedSinceLook = true;
        }
    }

    private void look(long now) {
        ThreadCommits thread = thread();
        if (thread.commits != commitsAtLastDecision) {
            // Another task of the thread asked for a commit after this one's last decision: it is in that one.
            stopLooking();
            return;
        }
        boolean caughtUp = !decidedSinceLook;
        decidedSinceLook = false;
        long gapMs = gap(thread);
        if (now - thread.lastCommitMs < gapMs) {
            return;
        }
        if (caughtUp || now - waitingSinceMs >= 2 * gapMs) {
            commit(thread, now);
        }
    }

    /** The least time between two prompt commits of the thread now. */
    private long gap(ThreadCommits thread) {
        return Math.max(minGapMs, Math.min(maxGapMs, Math.round(thread.ageMs)));
    }

    /** The gap of the current thread now. */
    long gapMs() {
        return gap(thread());
    }

    private void commit(ThreadCommits thread, long now) {
        stopLooking();
        thread.lastCommitMs = now;
        thread.commits++;
        context.commit();
    }

    private void stopLooking() {
        if (looking != null) {
            looking.cancel();
            looking = null;
        }
    }

    private ThreadCommits thread() {
        StreamsMetrics instance = context.metrics();
        ThreadCommits commits = THREAD.get();
        if (commits == null || commits.instance != instance) {
            // A thread of another Kafka Streams instance (in tests, another driver on the same thread).
            commits = new ThreadCommits(instance);
            THREAD.set(commits);
        }
        return commits;
    }

    /** What the tasks of one stream thread share. */
    private static final class ThreadCommits {

        /** The metrics of the Kafka Streams instance the thread belongs to: one object per instance. */
        final StreamsMetrics instance;
        long lastCommitMs = Long.MIN_VALUE / 2;
        long lastDecisionMs = Long.MIN_VALUE / 2;
        /** The moving average of the requests' ages when decided. */
        double ageMs;
        /** The prompt commits asked for so far. */
        long commits;

        ThreadCommits(StreamsMetrics instance) {
            this.instance = instance;
        }
    }
}
