package dev.flashsale.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 bearer tokens that an order API verifying with the same secret ({@code JWT_SECRET}) accepts: a subject
 * ({@code sub}), an optional {@code scope}, {@code iat} and {@code exp}. What {@code bin/token}, the benchmark, the
 * chaos harness and the order-api tests sign with. Thread-safe.
 */
public final class LocalTokens {

    /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash; the order API refuses a shorter one. */
    public static final int MIN_SECRET_BYTES = 32;

    /** The lifetime of the tokens of {@link #find(Path)}, as of {@code bin/token} without {@code --ttl}. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

    /** Where {@code bin/run-local} and {@code bin/token} generate the local secret, under the repository's root. */
    static final String SECRET_FILE = ".local/jwt-secret";

    /** The placeholder of {@code .env.example}, which means "the local secret" to the scripts. */
    static final String PLACEHOLDER_PREFIX = "change-me";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final Duration validity;

    /**
     * @param secret   the order API's {@code JWT_SECRET}, as UTF-8 bytes; at least {@value #MIN_SECRET_BYTES} of them
     * @param validity the lifetime of the tokens of {@link #buyer} and {@link #admin}
     */
    public LocalTokens(String secret, Duration validity) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.validity = validity;
    }

    /**
     * Tokens signed with the local order API's secret, valid {@link #DEFAULT_VALIDITY}: {@code JWT_SECRET} from the
     * environment unless blank or the {@code .env.example} placeholder, else the one in {@code .local/jwt-secret}
     * under {@code root}; empty when neither exists.
     *
     * @throws IllegalArgumentException when the secret found is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static Optional<LocalTokens> find(Path root) {
        return find(System.getenv(), root);
    }

    static Optional<LocalTokens> find(Map<String, String> environment, Path root) {
        return secret(environment, root).map(secret -> new LocalTokens(secret, DEFAULT_VALIDITY));
    }

    private static Optional<String> secret(Map<String, String> environment, Path root) {
        // Trimmed, as the order API trims the JWT_SECRET it is given.
        String configured = environment.getOrDefault("JWT_SECRET", "").trim();
        if (!configured.isEmpty() && !configured.startsWith(PLACEHOLDER_PREFIX)) {
            return Optional.of(configured);
        }
        Path file = root.resolve(SECRET_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file).trim()).filter(secret -> !secret.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A buyer's token: no scope, issued now. */
    public String buyer(String subject) {
        return sign(subject, null, Instant.now(), validity);
    }

    /** An operator's token: the scope {@code admin}, which changing the catalog needs; issued now. */
    public String admin(String subject) {
        return sign(subject, "admin", Instant.now(), validity);
    }

    /**
     * @param scope    the {@code scope} claim, or {@code null} for none
     * @param issuedAt {@code iat}, in whole seconds; {@code exp} is {@code validity} later
     */
    public String sign(String subject, String scope, Instant issuedAt, Duration validity) {
        long iat = issuedAt.getEpochSecond();
        StringBuilder claims = new StringBuilder("{\"sub\":").append(jsonString(subject))
                .append(",\"iat\":").append(iat)
                .append(",\"exp\":").append(iat + validity.toSeconds());
        if (scope != null) {
            claims.append(",\"scope\":").append(jsonString(scope));
        }
        String signingInput = HEADER + "." + BASE64URL.encodeToString(
                claims.append('}').toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + BASE64URL.encodeToString(hmac(signingInput));
    }

    private byte[] hmac(String signingInput) {
        try {
            // A Mac per token: Mac is not thread-safe, and buyers sign concurrently.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String jsonString(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
