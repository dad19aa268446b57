package dev.flashsale.api.order.web;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code wait} query parameter: {@code 5s}, {@code 500ms} or a number of seconds; capped, never negative. */
final class LongPollWait {

    static final String FORMAT = "a duration such as 5s, 500ms or 5 (seconds)";

    private static final Pattern VALUE = Pattern.compile("(\\d{1,9})(ms|s)?");

    private LongPollWait() {
    }

    /**
     * @param value null or absent: no wait
     * @throws InvalidWaitException if the value is not a duration in the form above
     */
    static Duration parse(String value, Duration max) {
        if (value == null) {
            return Duration.ZERO;
        }
        Matcher matcher = VALUE.matcher(value.trim());
        if (!matcher.matches()) {
            throw new InvalidWaitException("must be " + FORMAT);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration wait = "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
