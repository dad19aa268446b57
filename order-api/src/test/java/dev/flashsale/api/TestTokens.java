package dev.flashsale.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Bearer tokens as {@code bin/token} makes them, signed with the secret every test context is given
 * ({@link #SECRET_PROPERTY}).
 */
public final class TestTokens {

    public static final String SECRET = "test-secret-for-flashsale-order-api-0123456789";
    public static final String SECRET_PROPERTY = "flashsale.jwt.secret=" + SECRET;

    private TestTokens() {
    }

    public static String buyer(String subject) {
        return sign(SECRET, subject, null, Instant.now().plus(Duration.ofHours(1)));
    }

    public static String admin(String subject) {
        return sign(SECRET, subject, "admin", Instant.now().plus(Duration.ofHours(1)));
    }

    public static String expired(String subject) {
        return sign(SECRET, subject, null, Instant.now().minus(Duration.ofHours(2)));
    }

    /** Well formed, but signed with a secret the API does not know. */
    public static String forged(String subject) {
        return sign("another-secret-that-nobody-configured-anywhere", subject, "admin",
                Instant.now().plus(Duration.ofHours(1)));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    static String sign(String secret, String subject, String scope, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(1))))
                .expirationTime(Date.from(expiresAt));
        if (scope != null) {
            claims.claim("scope", scope);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
