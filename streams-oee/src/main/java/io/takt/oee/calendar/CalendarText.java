package io.takt.oee.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How calendar values are written in the shift-calendar record and in config: times of day
 * {@code HH:mm} (an end may be {@code 24:00}), weekdays {@code MON..SUN}, dates {@code yyyy-MM-dd}.
 * Parsers throw {@link IllegalArgumentException} with a message that quotes the bad text.
 */
final class CalendarText {

    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String END_OF_DAY = "24:00";

    private CalendarText() {
    }

    /** A time of day a shift or break begins at, {@code HH:mm}. */
    static LocalTime startTime(String text) {
        String t = present(text, "a time of day HH:mm");
        if (!TIME.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day HH:mm (00:00 to 23:59)");
        }
        return LocalTime.parse(t);
    }

    /** A time of day a shift or break ends at, {@code HH:mm} or {@code 24:00} (both 24:00 and 00:00 are midnight). */
    static LocalTime endTime(String text) {
        String t = present(text, "a time of day HH:mm");
        if (t.equals(END_OF_DAY)) {
            return LocalTime.MIDNIGHT;
        }
        if (!TIME.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day HH:mm (00:00 to 24:00)");
        }
        return LocalTime.parse(t);
    }

    static String startTime(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    /** Midnight as an end is written 24:00, so that 00:00-24:00 reads as the whole day. */
    static String endTime(LocalTime time) {
        return time.equals(LocalTime.MIDNIGHT) ? END_OF_DAY : startTime(time);
    }

    /** A weekday {@code MON..SUN}, in any letter case. */
    static DayOfWeek weekday(String text) {
        String t = present(text, "a weekday MON..SUN").toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (weekday(day).equals(t)) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a weekday MON, TUE, WED, THU, FRI, SAT or SUN");
    }

    static String weekday(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    /** A local date {@code yyyy-MM-dd}. */
    static LocalDate date(String text) {
        String t = present(text, "a date yyyy-MM-dd");
        try {
            if (DATE.matcher(t).matches()) {
                return LocalDate.parse(t);
            }
        } catch (DateTimeParseException e) {
            // falls through to the message below: the date does not exist, e.g. 2026-02-30
        }
        throw new IllegalArgumentException("'" + text + "' is not a date yyyy-MM-dd");
    }

    /** An IANA time zone such as {@code Europe/Berlin}, or a fixed one such as {@code UTC}. */
    static ZoneId zone(String text) {
        String t = present(text, "a time zone");
        try {
            return ZoneId.of(t);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone; use an IANA name such as "
                    + "Europe/Berlin, or UTC");
        }
    }

    private static String present(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no value: expected " + what);
        }
        return text.trim();
    }
}
