package dev.flashsale.chaos.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 bearer tokens signed with the secret the run gave its order API, as {@code bin/token} signs them. */
public final class Tokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    /** Longer than any run, so no retry fails with 401 because its token expired meanwhile. */
    private static final long VALID_SECONDS = 24 * 3600;

    private final SecretKeySpec key;

    public Tokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Subjects are the harness's own ({@code chaos-r1-b42}): nothing in them needs escaping. */
    public String buyer(String subject) {
        return sign("{\"sub\":\"" + subject + "\"", "}");
    }

    public String admin(String subject) {
        return sign("{\"sub\":\"" + subject + "\"", ",\"scope\":\"admin\"}");
    }

    private String sign(String subjectClaim, String end) {
        long now = Instant.now().getEpochSecond();
        String claims = subjectClaim + ",\"iat\":" + now + ",\"exp\":" + (now + VALID_SECONDS) + end;
        String signingInput = HEADER + "." + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return signingInput + "." + BASE64URL.encodeToString(
                    mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
