package dev.flashsale.api.web;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What a client should hear about a body Jackson could not read: which field, in the same path notation as
 * validation errors ({@code items[0].quantity}), and why.
 *
 * @param field null when the body as a whole is missing or unreadable
 */
record UnreadableJson(String detail, String field, String message) {

    static UnreadableJson of(HttpMessageNotReadableException exception) {
        JacksonException jackson = jacksonCause(exception);
        if (jackson == null) {
            return new UnreadableJson("Request body is missing or unreadable.", null, null);
        }
        String field = path(jackson);
        String where = field == null ? "" : " at '" + field + "'";
        if (jackson instanceof UnrecognizedPropertyException) {
            return new UnreadableJson("Unknown field" + where + ".", field, "unknown field");
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            return new UnreadableJson("Wrong type" + where + ".", field,
                    "must be " + describe(mismatch.getTargetType()));
        }
        if (jackson instanceof InputCoercionException coercion) {
            return new UnreadableJson("Number out of range" + where + ".", field,
                    "is out of range for " + describe(coercion.getTargetType()));
        }
        if (jackson instanceof StreamReadException) {
            return new UnreadableJson("Malformed JSON" + where + ": " + jackson.getOriginalMessage(),
                    field == null ? "$" : field, "malformed JSON");
        }
        return new UnreadableJson("Unreadable JSON" + where + ".", field, jackson.getOriginalMessage());
    }

    private static JacksonException jacksonCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    private static String path(JacksonException exception) {
        // A syntax error is raised by the parser between tokens, so the references it collects on the way out can
        // stop short of the field being read; the parser itself knows exactly where it stopped.
        if (exception instanceof StreamReadException && exception.processor() instanceof JsonParser parser
                && parser.streamReadContext() != null) {
            return fromPointer(parser.streamReadContext().pathAsPointer().toString());
        }
        List<JacksonException.Reference> references = exception.getPath();
        if (!references.isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference reference : references) {
                if (reference.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return path.isEmpty() ? null : path.toString();
        }
        return null;
    }

    /** {@code /items/0/quantity} to {@code items[0].quantity}. */
    private static String fromPointer(String pointer) {
        if (pointer.isEmpty() || pointer.equals("/")) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.substring(1).split("/")) {
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".")
                        .append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.toString();
    }

    /** "an integer", "a string": how a client would name the JSON type a Java type expects. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
