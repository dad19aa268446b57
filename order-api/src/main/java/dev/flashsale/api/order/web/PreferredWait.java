package dev.flashsale.api.order.web;

import java.time.Duration;
import java.util.Locale;

/**
 * The {@code wait} preference of an RFC 7240 {@code Prefer} header ({@code Prefer: wait=10}, perhaps among others:
 * {@code Prefer: respond-async, wait=10}): how many seconds the client would rather wait for the outcome than be
 * answered at once. A preference the server does not understand is ignored, as the RFC asks, not refused.
 */
final class PreferredWait {

    static final String HEADER = "Prefer";
    static final String APPLIED = "Preference-Applied";

    private PreferredWait() {
    }

    /** The preferred wait, at most {@code max}; zero without a usable {@code wait} preference. */
    static Duration parse(String prefer, Duration max) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].trim();
            int equals = token.indexOf('=');
            if (equals < 0 || !token.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("wait")) {
                continue;
            }
            String value = token.substring(equals + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
                return Duration.ZERO;
            }
            Duration wait = Duration.ofSeconds(Long.parseLong(value));
            return wait.compareTo(max) > 0 ? max : wait;
        }
        return Duration.ZERO;
    }

    /** The {@code Preference-Applied} value for a wait that was honoured. */
    static String applied(Duration wait) {
        return "wait=" + wait.toSeconds();
    }
}
