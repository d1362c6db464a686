package io.takt.platform.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way integrators type them: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 7d}, or combined as {@code 1h30m}. ISO-8601 ({@code PT30S}) is accepted too.
 */
public final class DurationText {

    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationText() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException if the text is not a duration with a unit; a bare number is
     *                                  refused because nobody can tell whether it meant ms or s
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text, e);
            }
        }
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            total = total.plus(unit(Long.parseLong(m.group(1)), m.group(2)));
        }
        return total;
    }

    /** The shortest exact form in the same notation, e.g. {@code 90s} becomes {@code 1m30s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return duration.toString();
        }
        StringBuilder out = new StringBuilder();
        long days = duration.toDays();
        append(out, days, "d");
        append(out, duration.toHoursPart(), "h");
        append(out, duration.toMinutesPart(), "m");
        append(out, duration.toSecondsPart(), "s");
        append(out, duration.toMillisPart(), "ms");
        if (out.length() == 0) {
            return duration.toString(); // below a millisecond: no short form
        }
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }

    private static Duration unit(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
