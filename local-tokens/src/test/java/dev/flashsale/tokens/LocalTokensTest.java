package dev.flashsale.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalTokensTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String FILE_SECRET = "fedcba9876543210fedcba9876543210fedcba9876543210";

    @TempDir
    Path root;

    @Test
    void signsHeaderAndClaimsWithHs256OverTheSecret() {
        LocalTokens tokens = new LocalTokens(SECRET, Duration.ofHours(1));

        String token = tokens.sign("b-1", null, Instant.ofEpochSecond(1_700_000_000L), Duration.ofHours(1));

        assertThat(SignedToken.parse(token).header()).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(SignedToken.parse(token).claims())
                .isEqualTo("{\"sub\":\"b-1\",\"iat\":1700000000,\"exp\":1700003600}");
        assertThat(SignedToken.parse(token).isSignedWith(SECRET)).isTrue();
        assertThat(SignedToken.parse(token).isSignedWith(FILE_SECRET)).isFalse();
    }

    @Test
    void givesTheScopeAndTheAskedLifetime() {
        LocalTokens tokens = new LocalTokens(SECRET, Duration.ofHours(1));

        String token = tokens.sign("ops", "admin", Instant.ofEpochSecond(10), Duration.ofMinutes(15));

        assertThat(SignedToken.parse(token).claims())
                .isEqualTo("{\"sub\":\"ops\",\"iat\":10,\"exp\":910,\"scope\":\"admin\"}");
    }

    @Test
    void buyerHasNoScopeAndAdminHasTheAdminScopeBothValidTheGivenLifetime() {
        LocalTokens tokens = new LocalTokens(SECRET, Duration.ofDays(1));

        String buyer = SignedToken.parse(tokens.buyer("c-1")).claims();
        String admin = SignedToken.parse(tokens.admin("chaos-admin")).claims();

        assertThat(buyer).startsWith("{\"sub\":\"c-1\",").doesNotContain("scope");
        assertThat(admin).startsWith("{\"sub\":\"chaos-admin\",").endsWith(",\"scope\":\"admin\"}");
        assertThat(SignedToken.lifetime(buyer)).isEqualTo(Duration.ofDays(1));
        assertThat(SignedToken.lifetime(admin)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void escapesTheSubjectInsideTheJson() {
        LocalTokens tokens = new LocalTokens(SECRET, Duration.ofHours(1));

        String token = tokens.sign("a\"b\\c\nd", null, Instant.ofEpochSecond(0), Duration.ofSeconds(1));

        assertThat(SignedToken.parse(token).claims()).startsWith("{\"sub\":\"a\\\"b\\\\c\\u000ad\",");
    }

    @Test
    void refusesASecretShorterThanTheHash() {
        assertThatThrownBy(() -> new LocalTokens("0123456789abcdef0123456789abcde", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("JWT_SECRET must be at least 32 bytes");
    }

    @Test
    void findsJwtSecretFromTheEnvironmentBeforeTheLocalFile() throws IOException {
        writeLocalSecret(FILE_SECRET);

        String token = LocalTokens.find(Map.of("JWT_SECRET", SECRET), root).orElseThrow().buyer("c-1");

        assertThat(SignedToken.parse(token).isSignedWith(SECRET)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"  ", "change-me-to-the-output-of-openssl-rand-hex-32"})
    void findsTheLocalFileWhenJwtSecretIsUnsetBlankOrThePlaceholder(String jwtSecret) throws IOException {
        writeLocalSecret(FILE_SECRET + "\n");
        Map<String, String> environment = jwtSecret == null ? Map.of() : Map.of("JWT_SECRET", jwtSecret);

        String token = LocalTokens.find(environment, root).orElseThrow().buyer("c-1");

        assertThat(SignedToken.parse(token).isSignedWith(FILE_SECRET)).isTrue();
    }

    @Test
    void findsNothingWithoutJwtSecretOrLocalFile() throws IOException {
        assertThat(LocalTokens.find(Map.of(), root)).isEmpty();

        writeLocalSecret("\n");

        assertThat(LocalTokens.find(Map.of(), root)).isEmpty();
    }

    private void writeLocalSecret(String secret) throws IOException {
        Files.createDirectories(root.resolve(".local"));
        Files.writeString(root.resolve(".local/jwt-secret"), secret);
    }
}
