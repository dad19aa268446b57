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
                Duration.ofSeconds(300), Path.of("/tmp/c"), true, 1));
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
