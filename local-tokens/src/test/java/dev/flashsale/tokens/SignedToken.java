package dev.flashsale.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A compact JWS taken apart, checked the way a verifier does: the HMAC recomputed over header and claims. */
record SignedToken(String encodedHeader, String encodedClaims, String signature) {

    private static final Pattern IAT = Pattern.compile("\"iat\":(\\d+)");
    private static final Pattern EXP = Pattern.compile("\"exp\":(\\d+)");

    static SignedToken parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + token);
        }
        return new SignedToken(parts[0], parts[1], parts[2]);
    }

    String header() {
        return decode(encodedHeader);
    }

    String claims() {
        return decode(encodedClaims);
    }

    boolean isSignedWith(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((encodedHeader + "." + encodedClaims).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(expected).equals(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From {@code iat} to {@code exp} of the claims. */
    static Duration lifetime(String claims) {
        return Duration.ofSeconds(number(EXP, claims) - number(IAT, claims));
    }

    private static long number(Pattern claim, String claims) {
        Matcher matcher = claim.matcher(claims);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + claim + " in " + claims);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
