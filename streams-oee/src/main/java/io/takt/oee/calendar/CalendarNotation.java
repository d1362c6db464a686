package io.takt.oee.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The config notation of the default calendar, one comma-separated list per key:
 * shifts {@code early=06:00-14:00@MON-FRI}, breaks {@code 12:00-12:30}, holidays
 * {@code 2026-12-25} and planned stops {@code [reason=]2026-11-26T10:00/2026-11-26T12:00}.
 * Weekdays inside one shift are joined with {@code +} (or given as a range), as the comma
 * already separates shifts.
 */
final class CalendarNotation {

    static final String SHIFT_FORM = "name=HH:mm-HH:mm[@DAYS]";

    private CalendarNotation() {
    }

    static List<ShiftPattern> shifts(String text) {
        List<ShiftPattern> shifts = items(text, CalendarNotation::shift);
        if (shifts.isEmpty()) {
            throw new IllegalArgumentException("no shift given: nothing would ever be planned");
        }
        ShiftWeek.requireNoOverlap(shifts);
        return shifts;
    }

    static String shifts(List<ShiftPattern> shifts) {
        return shifts.stream().map(CalendarNotation::shift).collect(Collectors.joining(","));
    }

    static List<DailyBreak> breaks(String text) {
        return items(text, item -> {
            String[] fromTo = fromTo(item, "HH:mm-HH:mm");
            return new DailyBreak(CalendarText.startTime(fromTo[0]), CalendarText.endTime(fromTo[1]));
        });
    }

    static String breaks(List<DailyBreak> breaks) {
        return breaks.stream().map(b -> CalendarText.startTime(b.from()) + "-" + CalendarText.endTime(b.to()))
                .collect(Collectors.joining(","));
    }

    static List<LocalDate> holidays(String text) {
        return items(text, CalendarText::date);
    }

    static String holidays(List<LocalDate> holidays) {
        return holidays.stream().map(LocalDate::toString).collect(Collectors.joining(","));
    }

    static List<LocalPlannedStop> plannedStops(String text) {
        return items(text, CalendarNotation::plannedStop);
    }

    static String plannedStops(List<LocalPlannedStop> stops) {
        return stops.stream().map(s -> (s.reason() == null ? "" : s.reason() + "=") + s.from() + "/" + s.to())
                .collect(Collectors.joining(","));
    }

    private static ShiftPattern shift(String item) {
        int eq = item.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("not a shift " + SHIFT_FORM
                    + (isWeekday(item) ? "; join the weekdays of one shift with '+' (MON+WED), not ','" : ""));
        }
        String when = item.substring(eq + 1).trim();
        int at = when.indexOf('@');
        String times = at < 0 ? when : when.substring(0, at);
        Set<DayOfWeek> days = at < 0 ? Set.of() : days(when.substring(at + 1));
        String[] fromTo = fromTo(times, SHIFT_FORM);
        return new ShiftPattern(item.substring(0, eq).trim(), CalendarText.startTime(fromTo[0]),
                CalendarText.endTime(fromTo[1]), days);
    }

    private static String shift(ShiftPattern shift) {
        String times = shift.name() + "=" + CalendarText.startTime(shift.from()) + "-" + CalendarText.endTime(shift.to());
        return shift.days().isEmpty() ? times : times + "@" + days(shift.days());
    }

    /** Weekdays such as {@code MON-FRI}, {@code MON+WED+FRI} or {@code SAT-SUN+WED}; a range may wrap (FRI-MON). */
    private static Set<DayOfWeek> days(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("no weekdays after '@': give e.g. MON-FRI or MON+WED");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split("\\+")) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + part + "' is not a weekday or a range such as MON-FRI");
            }
            DayOfWeek first = CalendarText.weekday(range[0]);
            DayOfWeek last = range.length == 2 ? CalendarText.weekday(range[1]) : first;
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    // Written back as '+'-joined weekdays; a stretch of three or more in MON..SUN order as a range.
    private static String days(Set<DayOfWeek> days) {
        List<String> parts = new ArrayList<>();
        List<DayOfWeek> sorted = List.copyOf(days);
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1).getValue() == sorted.get(j).getValue() + 1) {
                j++;
            }
            String first = CalendarText.weekday(sorted.get(i));
            parts.add(j - i >= 2 ? first + "-" + CalendarText.weekday(sorted.get(j))
                    : sorted.subList(i, j + 1).stream().map(CalendarText::weekday).collect(Collectors.joining("+")));
            i = j + 1;
        }
        return String.join("+", parts);
    }

    private static LocalPlannedStop plannedStop(String item) {
        int eq = item.lastIndexOf('=');
        String reason = eq < 0 ? null : item.substring(0, eq).trim();
        String[] fromTo = item.substring(eq + 1).trim().split("/", -1);
        if (fromTo.length != 2) {
            throw new IllegalArgumentException("not a planned stop "
                    + "[reason=]yyyy-MM-ddTHH:mm/yyyy-MM-ddTHH:mm");
        }
        return new LocalPlannedStop(dateTime(fromTo[0]), dateTime(fromTo[1]), reason);
    }

    private static LocalDateTime dateTime(String text) {
        try {
            return LocalDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a local date-time yyyy-MM-ddTHH:mm");
        }
    }

    private static String[] fromTo(String text, String form) {
        String[] fromTo = text.split("-", -1);
        if (fromTo.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not " + form);
        }
        return fromTo;
    }

    private static boolean isWeekday(String item) {
        return Arrays.stream(DayOfWeek.values()).anyMatch(d -> CalendarText.weekday(d).equalsIgnoreCase(item.trim()));
    }

    /** Parses each comma-separated item, quoting the item in the error when it is wrong. */
    private static <T> List<T> items(String text, Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        for (String item : text.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                values.add(parse.apply(trimmed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + trimmed + "': " + e.getMessage(), e);
            }
        }
        return values;
    }
}
