package dev.flashsale.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.api.TestTokens;
import dev.flashsale.tokens.LocalTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** {@code bin/token} makes tokens that the API's own decoder accepts, with the claims it was asked for. */
class LocalTokenScriptTest {

    private static final Path SOURCES = Path.of("..");
    /** The project's version, as the script reads it: the first version after the parent's. */
    private static final Pattern VERSION = Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL);

    private final JwtDecoder decoder = new SecurityConfig().jwtDecoder(new JwtSettings(TestTokens.SECRET, null, null));

    /**
     * A copy of the script, with the parent POM and local-tokens' jar it runs, in a repository of its own, so that a
     * developer's .env or .local/ cannot interfere.
     */
    @TempDir
    Path repository;

    @Test
    void buyerTokenNamesTheBuyerAndGrantsNoScope() throws Exception {
        Jwt token = decoder.decode(run(TestTokens.SECRET, "c-1"));

        assertThat(token.getSubject()).isEqualTo("c-1");
        assertThat(token.hasClaim("scope")).isFalse();
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void adminTokenCarriesTheAdminScopeAndTheAskedLifetime() throws Exception {
        Jwt token = decoder.decode(run(TestTokens.SECRET, "ops", "--admin", "--ttl", "15m"));

        assertThat(token.getClaimAsString("scope")).isEqualTo("admin");
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused() throws Exception {
        String token = run("some-other-secret-of-at-least-32-bytes-long", "c-1");

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void generatesALocalSecretOnceAndSignsWithIt() throws Exception {
        String first = run(null, "c-1");
        String secret = Files.readString(repository.resolve(".local/jwt-secret")).trim();
        String second = run(null, "c-2");

        JwtDecoder local = new SecurityConfig().jwtDecoder(new JwtSettings(secret, null, null));
        assertThat(secret).hasSize(64);
        assertThat(local.decode(first).getSubject()).isEqualTo("c-1");
        assertThat(local.decode(second).getSubject()).isEqualTo("c-2");
    }

    @Test
    void refusesAShortSecretAndABadSubject() throws Exception {
        assertThat(exitCode("short", "c-1")).isEqualTo(2);
        assertThat(exitCode(TestTokens.SECRET, "two words")).isEqualTo(2);
    }

    private String run(String secret, String... arguments) throws Exception {
        Process process = start(secret, arguments);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit code of bin/token").isZero();
        return out;
    }

    private int exitCode(String secret, String... arguments) throws Exception {
        Process process = start(secret, arguments);
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private Process start(String secret, String... arguments) throws IOException, URISyntaxException {
        Path script = repository.resolve("bin/token");
        if (!Files.exists(script)) {
            install();
        }
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().addAll(List.of("bash", script.toString()));
        builder.command().addAll(List.of(arguments));
        builder.environment().remove("JWT_SECRET");
        if (secret != null) {
            builder.environment().put("JWT_SECRET", secret);
        }
        return builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The jar is made from this test's class path, where Maven put local-tokens' classes or its jar. */
    private void install() throws IOException, URISyntaxException {
        Files.createDirectories(repository.resolve("bin"));
        Files.copy(SOURCES.resolve("bin/token"), repository.resolve("bin/token"));
        Files.copy(SOURCES.resolve("pom.xml"), repository.resolve("pom.xml"));
        Matcher version = VERSION.matcher(Files.readString(repository.resolve("pom.xml")));
        assertThat(version.find()).as("the version in pom.xml").isTrue();
        Path jar = repository.resolve("local-tokens/target/local-tokens-" + version.group(1) + ".jar");
        Files.createDirectories(jar.getParent());
        Path built = Path.of(LocalTokens.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(built)) {
            writeJar(built, jar);
        } else {
            Files.copy(built, jar);
        }
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
