package dev.flashsale.inventory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromptCommitsTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final Duration GAP = Duration.ofMillis(20);

    private final MockProcessorContext<String, Outcome> context = new MockProcessorContext<>(config());
    private PromptCommits commits;

    @BeforeEach
    void setUp() {
        context.setCurrentSystemTimeMs(NOW);
        commits = new PromptCommits(context, GAP);
    }

    @Test
    void commitsTheFirstDecisionAfterAQuietGapAtOnce() {
        decide(commits);

        assertThat(context.committed()).isTrue();
        assertThat(context.scheduledPunctuators()).isEmpty();
    }

    @Test
    void commitsABurstOnceTheProcessorHasDecidedNothingSinceItsLastLook() {
        decide(commits);
        context.resetCommit();
        at(NOW + 5);
        decide(commits);

        CapturedPunctuator look = onlyPunctuation();
        assertThat(look.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(look.getInterval()).isEqualTo(Duration.ofMillis(1));
        assertThat(context.committed()).as("a decision shortly after another: more may follow").isFalse();

        at(NOW + 20);
        decide(commits);
        look.getPunctuator().punctuate(NOW + 20);
        assertThat(context.committed()).as("it decided since its last look: still busy").isFalse();

        look.getPunctuator().punctuate(NOW + 21);
        assertThat(context.committed()).as("nothing decided since: caught up").isTrue();
        assertThat(look.cancelled()).isTrue();
    }

    @Test
    void keepsTwoPromptCommitsAtLeastAGapApart() {
        decide(commits);
        context.resetCommit();
        at(NOW + 5);
        decide(commits);
        CapturedPunctuator look = onlyPunctuation();

        look.getPunctuator().punctuate(NOW + 6);
        look.getPunctuator().punctuate(NOW + 19);
        assertThat(context.committed()).as("caught up, but within the gap of the last commit").isFalse();

        look.getPunctuator().punctuate(NOW + 20);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void commitsWhileBusyOnceTheOldestDecisionHasWaitedTwoGaps() {
        decide(commits);
        context.resetCommit();
        at(NOW + 5);
        decide(commits);
        CapturedPunctuator look = onlyPunctuation();

        for (long ms = NOW + 6; ms < NOW + 45; ms++) {
            at(ms);
            decide(commits);
            look.getPunctuator().punctuate(ms);
            assertThat(context.committed()).as("busy at %d ms", ms - NOW).isFalse();
        }
        at(NOW + 45);
        decide(commits);
        look.getPunctuator().punctuate(NOW + 45);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void aDecisionAfterACommitStartsANewLook() {
        decide(commits);
        context.resetCommit();
        at(NOW + 5);
        decide(commits);
        onlyPunctuation().getPunctuator().punctuate(NOW + 20);
        assertThat(context.committed()).isTrue();
        context.resetCommit();

        at(NOW + 23);
        decide(commits);

        assertThat(context.scheduledPunctuators()).hasSize(2);
        assertThat(context.scheduledPunctuators().get(1).cancelled()).isFalse();
        assertThat(context.committed()).as("shortly after the last decision: more may follow").isFalse();
    }

    @Test
    void aZeroGapCommitsAtTheIntervalOnly() {
        PromptCommits off = new PromptCommits(context, Duration.ZERO);

        decide(off);
        decide(off);

        assertThat(context.committed()).isFalse();
        assertThat(context.scheduledPunctuators()).isEmpty();
    }

    @Test
    void pacesTheTasksOfAThreadTogether() {
        PromptCommits other = new PromptCommits(context, GAP);
        decide(commits);
        context.resetCommit();
        at(NOW + 5);

        decide(other);

        assertThat(context.committed()).as("another task of the thread committed 5 ms ago").isFalse();
        assertThat(onlyPunctuation().cancelled()).isFalse();
    }

    @Test
    void leavesDecisionsThatAnotherTasksCommitTookAlong() {
        PromptCommits other = new PromptCommits(context, GAP);
        decide(commits);
        at(NOW + 5);
        decide(other);
        CapturedPunctuator look = onlyPunctuation();
        at(NOW + 30);
        decide(commits);
        assertThat(context.committed()).as("alone, a gap after the last commit").isTrue();
        context.resetCommit();

        look.getPunctuator().punctuate(NOW + 31);

        assertThat(context.committed()).as("the thread's commit at 30 ms holds the decision of 5 ms").isFalse();
        assertThat(look.cancelled()).isTrue();
    }

    @Test
    void widensTheGapWhileRequestsWaitLongerToBeDecided() {
        assertThat(commits.gapMs()).isEqualTo(GAP.toMillis());
        for (int i = 0; i < 200; i++) {
            commits.decided(context.currentSystemTimeMs() - 60);
        }
        assertThat(commits.gapMs()).isBetween(55L, 60L);

        for (int i = 0; i < 200; i++) {
            commits.decided(context.currentSystemTimeMs() - 5_000);
        }
        assertThat(commits.gapMs()).as("at most the commit interval").isEqualTo(100);

        for (int i = 0; i < 200; i++) {
            decide(commits);
        }
        assertThat(commits.gapMs()).as("quiet again").isEqualTo(GAP.toMillis());
    }

    @Test
    void aWideGapKeepsABusyThreadFromCommittingEveryFewMilliseconds() {
        for (int i = 0; i < 200; i++) {
            commits.decided(NOW - 100);
        }
        context.resetCommit();
        at(NOW + 500);
        decide(commits);
        assertThat(context.committed()).as("alone after a quiet half second").isTrue();
        context.resetCommit();
        at(NOW + 510);
        commits.decided(NOW + 410);
        CapturedPunctuator look = context.scheduledPunctuators().get(context.scheduledPunctuators().size() - 1);

        look.getPunctuator().punctuate(NOW + 540);
        assertThat(context.committed()).as("caught up, but 40 ms after the last commit").isFalse();

        look.getPunctuator().punctuate(NOW + 600);
        assertThat(context.committed()).isTrue();
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "prompt-commits-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        return config;
    }

    private void decide(PromptCommits pacing) {
        pacing.decided(context.currentSystemTimeMs());
    }

    private void at(long ms) {
        context.setCurrentSystemTimeMs(ms);
    }

    private CapturedPunctuator onlyPunctuation() {
        assertThat(context.scheduledPunctuators()).hasSize(1);
        return context.scheduledPunctuators().get(0);
    }
}
