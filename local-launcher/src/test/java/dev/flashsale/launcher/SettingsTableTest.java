package dev.flashsale.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one table of settings, in docs/configuration.md, names every environment variable the services, the scripts
 * and the compose file read, and nothing they do not: read from the files themselves, so a new setting without a row
 * fails here.
 */
class SettingsTableTest {

    private static final Path REPOSITORY = Path.of("..");

    /** Files whose {@code ${NAME...}} placeholders are settings. */
    private static final List<String> READERS = List.of(
            "order-api/src/main/resources/application.yml",
            "inventory-processor/src/main/resources/application.yml",
            "docker-compose.yml",
            "bin/run-local",
            "bin/topics");

    /** {@code ${NAME}}, {@code ${NAME:default}}, {@code ${NAME:-default}}, {@code ${NAME:?message}}, {@code ${NAME:+x}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[}:?+-]");
    /** {@code NAME=value} or {@code #NAME=value} at the start of a line of .env.example. */
    private static final Pattern ASSIGNMENT = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    @Test
    void documentsEverySettingReadAndOnlyThose() throws IOException {
        Set<String> read = new TreeSet<>();
        for (String reader : READERS) {
            collect(PLACEHOLDER, Files.readString(REPOSITORY.resolve(reader)), read);
        }
        collect(ASSIGNMENT, Files.readString(REPOSITORY.resolve(".env.example")), read);

        Set<String> named = new TreeSet<>();
        Set<String> documented = new TreeSet<>();
        for (String row : settingsTable()) {
            String[] cells = row.split("\\|");
            collect(NAME, cells[1], documented);
            collect(NAME, row, named);
        }

        assertThat(named).as("settings named in docs/configuration.md's table").containsAll(read);
        assertThat(read).as("settings read by the services, scripts and compose file").containsAll(documented);
    }

    private static List<String> settingsTable() throws IOException {
        String configuration = Files.readString(REPOSITORY.resolve("docs/configuration.md"));
        int start = configuration.indexOf("\n## Settings\n");
        assertThat(start).as("a Settings section in docs/configuration.md").isNotNegative();
        int end = configuration.indexOf("\n## ", start + 1);
        List<String> rows = configuration.substring(start, end < 0 ? configuration.length() : end).lines()
                .filter(line -> line.startsWith("| `"))
                .toList();
        assertThat(rows).isNotEmpty();
        return rows;
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }
}
