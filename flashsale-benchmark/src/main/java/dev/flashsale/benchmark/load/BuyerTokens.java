package dev.flashsale.benchmark.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 bearer tokens for the buyers, signed with the same secret the order API verifies, so that every buyer of a
 * run is a distinct authenticated customer ({@code sub}). Signed here rather than by {@code bin/token}: forking a
 * process per buyer would cost more CPU than the request it authorises.
 */
public final class BuyerTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;
    private final long validSeconds;

    BuyerTokens(byte[] secret, long validSeconds) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the JWT secret is empty");
        }
        this.secret = secret.clone();
        this.validSeconds = validSeconds;
    }

    /**
     * The secret from {@code JWT_SECRET}, else from {@code .local/jwt-secret} under {@code root}; empty when neither
     * exists. The order API always requires a bearer token, so without one every order is answered {@code 401}: the
     * bench then reports errors, not a sale. {@code bin/run-local} writes {@code .local/jwt-secret} when it starts.
     */
    public static Optional<BuyerTokens> find(Path root) {
        String fromEnvironment = System.getenv("JWT_SECRET");
        // .env.example's placeholder means "the local secret", as for bin/run-local and bin/token.
        if (fromEnvironment != null && !fromEnvironment.isBlank() && !fromEnvironment.startsWith("change-me")) {
            return Optional.of(new BuyerTokens(fromEnvironment.strip().getBytes(StandardCharsets.UTF_8), 3600));
        }
        Path file = root.resolve(".local/jwt-secret");
        if (Files.isRegularFile(file)) {
            try {
                String secret = Files.readString(file).strip();
                return secret.isEmpty() ? Optional.empty()
                        : Optional.of(new BuyerTokens(secret.getBytes(StandardCharsets.UTF_8), 3600));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    public String buyer(String subject) {
        return sign(subject, null, Instant.now());
    }

    public String admin(String subject) {
        return sign(subject, "admin", Instant.now());
    }

    String sign(String subject, String scope, Instant issuedAt) {
        long iat = issuedAt.getEpochSecond();
        StringBuilder claims = new StringBuilder("{\"sub\":\"").append(escape(subject)).append('"');
        if (scope != null) {
            claims.append(",\"scope\":\"").append(escape(scope)).append('"');
        }
        claims.append(",\"iat\":").append(iat).append(",\"exp\":").append(iat + validSeconds).append('}');
        String signingInput = HEADER + "." + BASE64URL.encodeToString(
                claims.toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + BASE64URL.encodeToString(hmac(signingInput));
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
