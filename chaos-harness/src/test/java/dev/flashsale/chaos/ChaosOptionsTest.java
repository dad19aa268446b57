package dev.flashsale.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void readsEveryOption() {
        ChaosOptions options = ChaosOptions.parse(new String[] { "--rounds", "5", "--seed", "42", "--buyers", "900",
                "--products", "4", "--sale", "90", "--extra-faults", "3", "--concurrency", "64", "--give-up", "300",
                "--work-dir", "/tmp/c", "--keep", "--brokers", "1" }, ROOT);

        assertThat(options).isEqualTo(new ChaosOptions(5, 42, 900, 4, Duration.ofSeconds(90), 3, 64,
                Duration.ofSeconds(300), Path.of("/tmp/c"), true, 1, 0));
    }

    @Test
    void aSoakIsOneSaleAsLongAsTheDurationWithBuyersAtTheRateOnThreeBrokers() {
        ChaosOptions options = ChaosOptions.parse(new String[] { "--duration", "60m", "--rate", "5", "--seed", "9" },
                ROOT);

        assertThat(options.soak()).isTrue();
        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.sale()).isEqualTo(Duration.ofHours(1));
        assertThat(options.buyers()).isEqualTo(5 * 3600);
        assertThat(options.rate()).isEqualTo(5);
        assertThat(options.brokers()).isEqualTo(3);
        assertThat(options.concurrency()).isEqualTo(300);
        assertThat(ChaosOptions.parse(new String[] { "--duration", "600s" }, ROOT).sale())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(ChaosOptions.parse(new String[] { "--duration", "10m" }, ROOT).rate())
                .isEqualTo(ChaosOptions.DEFAULT_RATE);
        assertThat(ChaosOptions.parse(new String[] { "--duration", "10m", "--brokers", "1" }, ROOT).brokers())
                .isEqualTo(1);
        assertThat(ChaosOptions.parse(new String[0], ROOT).soak()).isFalse();
    }

    @Test
    void refusesWhatASoakSetsItselfAndARateWithoutADuration() {
        for (String option : new String[] { "--rounds", "--sale", "--buyers", "--extra-faults" }) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> ChaosOptions.parse(new String[] { "--duration", "10m", option, "2" }, ROOT))
                    .withMessageStartingWith(option + " does not combine with --duration");
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaosOptions.parse(new String[] { "--rate", "5" }, ROOT))
                .withMessageContaining("needs --duration");
    }

    @Test
    void refusesADurationWithoutAUnitOrTooShortForOneFault() {
        for (String duration : new String[] { "60", "1h", "10 m", "-5m", "60s", "25h", "1441m" }) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> ChaosOptions.parse(new String[] { "--duration", duration }, ROOT))
                    .as(duration).withMessageStartingWith("--duration must be");
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaosOptions.parse(new String[] { "--duration", "10m", "--rate", "0" }, ROOT))
                .withMessageContaining("--rate must be 1..1000");
    }

    @Test
    void runsThreeBrokersForSeveralRoundsAndOneForASingleRoundUnlessTold() {
        assertThat(ChaosOptions.parse(new String[] { "--rounds", "5" }, ROOT).brokers()).isEqualTo(3);
        assertThat(ChaosOptions.parse(new String[] { "--rounds", "1" }, ROOT).brokers()).isEqualTo(1);
        assertThat(ChaosOptions.parse(new String[] { "--brokers", "3" }, ROOT).brokers()).isEqualTo(3);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaosOptions.parse(new String[] { "--brokers", "2" }, ROOT))
                .withMessageContaining("1 or 3");
    }

    @Test
    void theCommandItPrintsRepeatsTheRun() {
        ChaosOptions options = ChaosOptions.parse(new String[] { "--rounds", "2", "--seed", "-7", "--sale", "30" },
                ROOT);

        ChaosOptions again = ChaosOptions.parse(options.reproduce().replaceFirst("^bin/chaos ", "").split(" "), ROOT);

        assertThat(again).isEqualTo(options);
        assertThat(again.random(2, 1).nextLong()).isEqualTo(options.random(2, 1).nextLong());
        assertThat(again.random(2, 1).nextLong()).isNotEqualTo(options.random(1, 1).nextLong());
    }

    @Test
    void theCommandItPrintsRepeatsASoak() {
        for (String duration : new String[] { "60m", "150s" }) {
            ChaosOptions options = ChaosOptions.parse(new String[] { "--duration", duration, "--rate", "3",
                    "--products", "2", "--seed", "11" }, ROOT);

            ChaosOptions again = ChaosOptions.parse(options.reproduce().replaceFirst("^bin/chaos ", "").split(" "),
                    ROOT);

            assertThat(again).isEqualTo(options);
            assertThat(options.reproduce()).contains("--duration " + duration);
        }
    }

    @Test
    void drawsASeedWhenNoneIsGivenAndKeepsTheDataUnderDotLocal() {
        ChaosOptions options = ChaosOptions.parse(new String[0], ROOT);

        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.workDirectory()).isEqualTo(ROOT.resolve(".local/chaos"));
    }

    @Test
    void refusesUnknownOrIncompleteOptions() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse(new String[] { "--fast" }, ROOT))
                .withMessageContaining("--fast");
        assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse(new String[] { "--seed" }, ROOT))
                .withMessageContaining("needs a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaosOptions.parse(new String[] { "--rounds", "0" }, ROOT));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaosOptions.parse(new String[] { "--buyers", "many" }, ROOT));
    }
}
