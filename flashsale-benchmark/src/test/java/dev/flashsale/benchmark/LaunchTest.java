package dev.flashsale.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LaunchTest {

    private static final Pattern RUN_LOCAL_DEFAULT = Pattern.compile("DEFAULT_JVM_OPTIONS=\"([^\"]*)\"");

    /** The bench starts the processor alone and the baselines as bin/run-local starts flashsale's JVMs. */
    @Test
    void givesEveryJvmTheOptionsThatRunLocalGives() throws IOException {
        String script = Files.readString(Path.of("..", "bin", "run-local"));
        Matcher defaults = RUN_LOCAL_DEFAULT.matcher(script);
        assertThat(defaults.find()).as("DEFAULT_JVM_OPTIONS in bin/run-local").isTrue();
        List<String> runLocal = List.of(defaults.group(1).replace("\\\n", " ").trim().split("\\s+"));

        assertThat(runLocal).contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");
        for (String variable : List.of("KAFKA_JVM_OPTIONS", "INVENTORY_PROCESSOR_JVM_OPTIONS", "ORDER_API_JVM_OPTIONS")) {
            if (System.getenv(variable) == null) {
                assertThat(Launch.jvmOptions(variable)).as(variable).isEqualTo(runLocal);
            }
        }
    }
}
