package io.takt.acquisition.mapping;

import java.util.Optional;

/** Reads normalised sample values as the text and numbers the tag map compares them with. */
final class RawText {

    private RawText() {
    }

    /** Integers in decimal, doubles with their fraction, booleans as true/false, text trimmed. */
    static String of(Object value) {
        return value instanceof String s ? s.trim() : String.valueOf(value);
    }

    /** The value as a whole number, if it is one. */
    static Optional<Long> wholeNumber(Object value) {
        if (value instanceof Long l) {
            return Optional.of(l);
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Optional.of(d.longValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The value as a number, if it is one. */
    static Optional<Double> number(Object value) {
        if (value instanceof Long l) {
            return Optional.of(l.doubleValue());
        }
        if (value instanceof Double d) {
            return Optional.of(d);
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
