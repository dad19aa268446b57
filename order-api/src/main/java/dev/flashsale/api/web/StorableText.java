package dev.flashsale.api.web;

import java.util.regex.Pattern;

/**
 * Text the read model can keep as it was sent. PostgreSQL refuses U+0000 in text (the request would fail with a 500),
 * and an unpaired surrogate is not Unicode: the driver would store it as '?', so two different IDs would become one.
 * Other control characters have no business in an ID or a name either.
 */
public final class StorableText {

    /** For {@code @Pattern}: no control character (category Cc) and no unpaired surrogate (Cs). */
    public static final String PATTERN = "[^\\p{Cc}\\p{Cs}]*";
    public static final String MESSAGE = "must not contain control characters or unpaired surrogates";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private StorableText() {
    }

    public static boolean isStorable(String text) {
        return text != null && COMPILED.matcher(text).matches();
    }
}
