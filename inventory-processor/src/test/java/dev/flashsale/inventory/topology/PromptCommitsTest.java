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
    private static final Duration GAP = Duration.ofMillis(20);

    private final MockProcessorContext<String, Outcome> context = new MockProcessorContext<>();
    private PromptCommits commits;

    @BeforeEach
    void setUp() {
        context.setCurrentSystemTimeMs(NOW);
        commits = new PromptCommits(context, GAP);
    }

    @Test
    void commitsTheFirstDecisionAfterAQuietGapAtOnce() {
        commits.decided();

        assertThat(context.committed()).isTrue();
        assertThat(context.scheduledPunctuators()).isEmpty();
    }

    @Test
    void commitsABurstOnceTheProcessorHasDecidedNothingSinceItsLastLook() {
        commits.decided();
        context.resetCommit();
        at(NOW + 5);
        commits.decided();

        CapturedPunctuator look = onlyPunctuation();
        assertThat(look.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(look.getInterval()).isEqualTo(Duration.ofMillis(1));
        assertThat(context.committed()).as("a decision shortly after another: more may follow").isFalse();

        at(NOW + 20);
        commits.decided();
        look.getPunctuator().punctuate(NOW + 20);
        assertThat(context.committed()).as("it decided since its last look: still busy").isFalse();

        look.getPunctuator().punctuate(NOW + 21);
        assertThat(context.committed()).as("nothing decided since: caught up").isTrue();
        assertThat(look.cancelled()).isTrue();
    }

    @Test
    void keepsTwoPromptCommitsAtLeastAGapApart() {
        commits.decided();
        context.resetCommit();
        at(NOW + 5);
        commits.decided();
        CapturedPunctuator look = onlyPunctuation();

        look.getPunctuator().punctuate(NOW + 6);
        look.getPunctuator().punctuate(NOW + 19);
        assertThat(context.committed()).as("caught up, but within the gap of the last commit").isFalse();

        look.getPunctuator().punctuate(NOW + 20);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void commitsWhileBusyOnceTheOldestDecisionHasWaitedTwoGaps() {
        commits.decided();
        context.resetCommit();
        at(NOW + 5);
        commits.decided();
        CapturedPunctuator look = onlyPunctuation();

        for (long ms = NOW + 6; ms < NOW + 45; ms++) {
            at(ms);
            commits.decided();
            look.getPunctuator().punctuate(ms);
            assertThat(context.committed()).as("busy at %d ms", ms - NOW).isFalse();
        }
        at(NOW + 45);
        commits.decided();
        look.getPunctuator().punctuate(NOW + 45);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void aDecisionAfterACommitStartsANewLook() {
        commits.decided();
        context.resetCommit();
        at(NOW + 5);
        commits.decided();
        onlyPunctuation().getPunctuator().punctuate(NOW + 20);
        assertThat(context.committed()).isTrue();
        context.resetCommit();

        at(NOW + 23);
        commits.decided();

        assertThat(context.scheduledPunctuators()).hasSize(2);
        assertThat(context.scheduledPunctuators().get(1).cancelled()).isFalse();
        assertThat(context.committed()).as("shortly after the last decision: more may follow").isFalse();
    }

    @Test
    void aZeroGapCommitsAtTheIntervalOnly() {
        PromptCommits off = new PromptCommits(context, Duration.ZERO);

        off.decided();
        off.decided();

        assertThat(context.committed()).isFalse();
        assertThat(context.scheduledPunctuators()).isEmpty();
    }

    private void at(long ms) {
        context.setCurrentSystemTimeMs(ms);
    }

    private CapturedPunctuator onlyPunctuation() {
        assertThat(context.scheduledPunctuators()).hasSize(1);
        return context.scheduledPunctuators().get(0);
    }
}
