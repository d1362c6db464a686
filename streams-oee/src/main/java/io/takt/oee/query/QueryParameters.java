package io.takt.oee.query;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query-string parameters of one request, read with the rules all routes share: a bad or
 * unknown parameter fails with a 400 that names it.
 */
final class QueryParameters {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The parameters, after checking that each is one of {@code allowed} and given at most once. */
    static QueryParameters of(Map<String, List<String>> values, Set<String> allowed) {
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw QueryProblem.badParameter(entry.getKey(), "Unknown parameter '" + entry.getKey()
                        + "'; this route takes " + new TreeSet<>(allowed));
            }
            if (entry.getValue().size() > 1) {
                throw QueryProblem.badParameter(entry.getKey(), "Parameter '" + entry.getKey() + "' is given twice");
            }
        }
        return new QueryParameters(values);
    }

    /** The trimmed value, or null when absent or empty. */
    String text(String name) {
        List<String> given = values.get(name);
        if (given == null || given.isEmpty() || given.get(0).isBlank()) {
            return null;
        }
        return given.get(0).trim();
    }

    /** An ISO-8601 instant ({@code 2026-11-25T06:00:00Z} or with an offset), or {@code otherwise}. */
    Instant instant(String name, Instant otherwise) {
        String text = text(name);
        if (text == null) {
            return otherwise;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw QueryProblem.badParameter(name, "'" + text + "' is not an ISO-8601 instant such as "
                        + "2026-11-25T06:00:00Z (write '+' in an offset as %2B)");
            }
        }
    }

    /** The period [from, to): to defaults to now, from to 24 h before to; from must be before to. */
    Period period(Instant now) {
        Instant to = instant("to", now);
        Instant from = instant("from", to.minus(DEFAULT_SPAN));
        if (!from.isBefore(to)) {
            throw QueryProblem.badParameter("to", "'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        if (from.toEpochMilli() < 0) {
            throw QueryProblem.badParameter("from", "'from' must not be before 1970-01-01T00:00:00Z");
        }
        return new Period(from, to);
    }

    /** A whole number in [min, max], or {@code otherwise}. */
    int number(String name, int otherwise, int min, int max) {
        String text = text(name);
        if (text == null) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        throw QueryProblem.badParameter(name, "'" + name + "' must be a whole number from " + min + " to " + max
                + ", not '" + text + "'");
    }

    /** {@code true} or {@code false}, or null when absent. */
    Boolean flag(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw QueryProblem.badParameter(name, "'" + name + "' must be true or false, not '" + text + "'");
        };
    }

    /** Names of {@code type}'s constants, comma-separated, any case; empty when absent. */
    <E extends Enum<E>> Set<E> names(String name, Class<E> type, Set<E> allowed) {
        String text = text(name);
        EnumSet<E> chosen = EnumSet.noneOf(type);
        if (text == null) {
            return chosen;
        }
        for (String part : text.split(",")) {
            chosen.add(oneOf(name, part.trim(), type, allowed));
        }
        return chosen;
    }

    /** One of {@code allowed}, by name in any case, or {@code otherwise}. */
    <E extends Enum<E>> E name(String name, Class<E> type, Set<E> allowed, E otherwise) {
        String text = text(name);
        return text == null ? otherwise : oneOf(name, text, type, allowed);
    }

    private static <E extends Enum<E>> E oneOf(String name, String text, Class<E> type, Set<E> allowed) {
        for (E candidate : allowed) {
            if (candidate.name().equalsIgnoreCase(text)) {
                return candidate;
            }
        }
        List<String> names = allowed.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).sorted().toList();
        throw QueryProblem.badParameter(name, "'" + text + "' is not a " + type.getSimpleName() + "; use one of "
                + names);
    }
}
