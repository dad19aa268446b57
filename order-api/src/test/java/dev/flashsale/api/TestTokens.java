package dev.flashsale.api;

import dev.flashsale.tokens.LocalTokens;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens as {@code bin/token} makes them (both are {@link LocalTokens}), signed with the secret every test
 * context is given ({@link #SECRET_PROPERTY}).
 */
public final class TestTokens {

    public static final String SECRET = "test-secret-for-flashsale-order-api-0123456789";
    public static final String SECRET_PROPERTY = "flashsale.jwt.secret=" + SECRET;

    private static final Duration VALIDITY = Duration.ofHours(1);
    private static final LocalTokens TOKENS = new LocalTokens(SECRET, VALIDITY);
    private static final LocalTokens FORGERIES = new LocalTokens("another-secret-that-nobody-configured-anywhere",
            VALIDITY);

    private TestTokens() {
    }

    public static String buyer(String subject) {
        return TOKENS.buyer(subject);
    }

    public static String admin(String subject) {
        return TOKENS.admin(subject);
    }

    /** Expired two hours ago. */
    public static String expired(String subject) {
        return TOKENS.sign(subject, null, Instant.now().minus(VALIDITY).minus(Duration.ofHours(2)), VALIDITY);
    }

    /** Well formed, but signed with a secret the API does not know. */
    public static String forged(String subject) {
        return FORGERIES.admin(subject);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
