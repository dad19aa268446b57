package dev.flashsale.inventory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromptCommitsTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final Duration GAP = Duration.ofMillis(10);

    private final MockProcessorContext<String, Outcome> context = new MockProcessorContext<>();
    private PromptCommits commits;

    @BeforeEach
    void setUp() {
        context.setCurrentSystemTimeMs(NOW);
        commits = new PromptCommits(context, GAP);
    }

    @Test
    void asksForACommitAtOnceForAFreshRequestAfterAQuietGap() {
        commits.decided(NOW - 3);

        assertThat(context.committed()).isTrue();
        assertThat(context.scheduledPunctuators()).isEmpty();
    }

    @Test
    void commitsADecisionWithinTheGapWhenTheGapIsOverAndNotBefore() {
        commits.decided(NOW - 3);
        context.resetCommit();

        context.setCurrentSystemTimeMs(NOW + 4);
        commits.decided(NOW + 2);
        commits.decided(NOW + 3);

        assertThat(context.committed()).as("within the gap of the last commit").isFalse();
        CapturedPunctuator pending = context.scheduledPunctuators().get(0);
        assertThat(context.scheduledPunctuators()).as("one punctuation for both decisions").hasSize(1);
        assertThat(pending.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(pending.getInterval()).isEqualTo(Duration.ofMillis(6));

        pending.getPunctuator().punctuate(NOW + 10);

        assertThat(context.committed()).isTrue();
        assertThat(pending.cancelled()).as("it runs once").isTrue();
    }

    @Test
    void aDecisionAfterTheGapCommitsAtOnceAndCancelsThePendingPunctuation() {
        commits.decided(NOW);
        context.setCurrentSystemTimeMs(NOW + 5);
        commits.decided(NOW + 5);
        context.resetCommit();

        context.setCurrentSystemTimeMs(NOW + 10);
        commits.decided(NOW + 9);

        assertThat(context.committed()).isTrue();
        assertThat(context.scheduledPunctuators()).singleElement()
                .satisfies(pending -> assertThat(pending.cancelled()).isTrue());
    }

    @Test
    void leavesTheDecisionOfARequestOlderThanTwoGapsToTheCommitInterval() {
        commits.decided(NOW - 21);

        assertThat(context.committed()).as("the processor is behind: batch").isFalse();
        assertThat(context.scheduledPunctuators()).isEmpty();

        commits.decided(NOW - 20);

        assertThat(context.committed()).as("caught up again").isTrue();
    }

    @Test
    void aZeroGapCommitsAtTheIntervalOnly() {
        PromptCommits off = new PromptCommits(context, Duration.ZERO);

        off.decided(NOW);

        assertThat(context.committed()).isFalse();
        assertThat(context.scheduledPunctuators()).isEmpty();
    }
}
