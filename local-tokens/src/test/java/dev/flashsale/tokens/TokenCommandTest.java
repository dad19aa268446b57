package dev.flashsale.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenCommandTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    @TempDir
    Path root;

    private Map<String, String> environment = Map.of("JWT_SECRET", SECRET);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsABuyerTokenValidOneHour() {
        int exit = run("c-1");

        assertThat(exit).isZero();
        SignedToken token = SignedToken.parse(out().strip());
        assertThat(out()).endsWith("\n");
        assertThat(token.isSignedWith(SECRET)).isTrue();
        assertThat(token.claims()).isEqualTo("{\"sub\":\"c-1\",\"iat\":1700000000,\"exp\":1700003600}");
        assertThat(err()).isEmpty();
    }

    @Test
    void printsAnAdminTokenWithTheAskedLifetime() {
        int exit = run("--admin", "ops", "--ttl", "15m");

        assertThat(exit).isZero();
        assertThat(SignedToken.parse(out().strip()).claims())
                .isEqualTo("{\"sub\":\"ops\",\"iat\":1700000000,\"exp\":1700000900,\"scope\":\"admin\"}");
    }

    @ParameterizedTest
    @CsvSource({"30s, 30", "--ttl=45, 45", "2d, 172800", "1h, 3600"})
    void readsTheLifetimeInSecondsMinutesHoursOrDays(String ttl, long seconds) {
        int exit = ttl.startsWith("--") ? run("c-1", ttl) : run("c-1", "--ttl", ttl);

        assertThat(exit).isZero();
        assertThat(SignedToken.lifetime(SignedToken.parse(out().strip()).claims())).hasSeconds(seconds);
    }

    @Test
    void signsWithTheLocalFileWithoutJwtSecret() throws IOException {
        String local = "a".repeat(64);
        Files.createDirectories(root.resolve(".local"));
        Files.writeString(root.resolve(".local/jwt-secret"), local);
        environment = Map.of();

        int exit = run("c-1");

        assertThat(exit).isZero();
        assertThat(SignedToken.parse(out().strip()).isSignedWith(local)).isTrue();
    }

    @Test
    void printsTheUsageOnHelp() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out()).startsWith("usage: bin/token SUBJECT [--admin] [--ttl DURATION]\n\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void printsTheUsageToStandardErrorWithoutASubject() {
        int exit = run("--admin");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo(TokenCommand.USAGE);
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "two words                  | subject must be 1..128 of A-Z a-z 0-9 . _ @ : + -",
            "c-1,c-2                    | one subject only (see --help)",
            "c-1,--root                 | unknown option --root (see --help)",
            "c-1,--ttl                  | --ttl needs a duration",
            "c-1,--ttl,90x              | --ttl must be a duration such as 30s, 15m, 1h or 2d",
            "c-1,--ttl,1234567890       | --ttl must be a duration such as 30s, 15m, 1h or 2d",
            "c-1,--ttl=0m               | --ttl must be positive"})
    void refusesBadInputWithExitCode2AndSaysWhy(String arguments, String message) {
        int exit = run(arguments.split(","));

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo("token: " + message + "\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void refusesASubjectLongerThan128() {
        assertThat(run("c".repeat(128))).isZero();
        assertThat(run("c".repeat(129))).isEqualTo(2);
    }

    @Test
    void refusesAShortSecret() {
        environment = Map.of("JWT_SECRET", "short");

        int exit = run("c-1");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo("token: JWT_SECRET must be at least 32 bytes\n");
    }

    @Test
    void saysWhereTheSecretIsLookedForWhenThereIsNone() {
        environment = Map.of();

        int exit = run("c-1");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).startsWith("token: no JWT_SECRET and no .local/jwt-secret");
    }

    private int run(String... arguments) {
        return TokenCommand.run(List.of(arguments), environment, root, NOW,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
