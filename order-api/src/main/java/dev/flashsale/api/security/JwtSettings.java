package dev.flashsale.api.security;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where bearer tokens come from. Either an issuer signs them ({@code jwkSetUri} and/or {@code issuerUri}: production),
 * or this service shares an HMAC secret with {@code bin/token} (local runs and tests). Blank values count as unset, so
 * that an empty environment variable in a compose file means "not used".
 *
 * @param secret    HS256 key, as UTF-8 bytes; at least {@value #MIN_SECRET_BYTES} bytes. Ignored when an issuer is set
 * @param jwkSetUri the issuer's JSON Web Key Set; tokens are verified with its keys (RS256)
 * @param issuerUri the issuer; tokens must carry it as {@code iss}. Alone, its OpenID discovery document names the key
 *                  set, fetched on the first request
 */
@ConfigurationProperties("flashsale.jwt")
record JwtSettings(String secret, String jwkSetUri, String issuerUri) {

    /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash, 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    /** The placeholder of {@code .env.example}: a secret everybody can read is no secret. */
    static final String PLACEHOLDER_PREFIX = "change-me";

    JwtSettings {
        secret = blankToNull(secret);
        jwkSetUri = blankToNull(jwkSetUri);
        issuerUri = blankToNull(issuerUri);
        if (jwkSetUri == null && issuerUri == null) {
            if (secret == null) {
                throw new IllegalArgumentException("No way to verify bearer tokens: set JWT_SECRET (at least "
                        + MIN_SECRET_BYTES + " bytes) for locally signed tokens, or JWT_JWK_SET_URI / JWT_ISSUER_URI "
                        + "for an issuer's");
            }
            int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("JWT_SECRET is " + bytes + " bytes; HS256 needs at least "
                        + MIN_SECRET_BYTES);
            }
            if (secret.startsWith(PLACEHOLDER_PREFIX)) {
                throw new IllegalArgumentException("JWT_SECRET is still the placeholder of .env.example; choose a "
                        + "random one, such as the output of: openssl rand -hex 32");
            }
        }
    }

    boolean usesIssuer() {
        return jwkSetUri != null || issuerUri != null;
    }

    byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "JwtSettings[secret=" + (secret == null ? null : "***") + ", jwkSetUri=" + jwkSetUri + ", issuerUri="
                + issuerUri + "]";
    }
}
