package io.takt.oee.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A shift that starts at the same local time on given weekdays.
 *
 * @param name the shift's short name, e.g. {@code early}; the shift id of a day is {@code <date>/<name>}
 * @param from local time it begins
 * @param to   local time it ends, exclusive; at or before {@code from} means the next day, so
 *             midnight ({@code 00:00}) is the end of the day ({@code 24:00})
 * @param days weekdays it starts on; empty means every day
 */
public record ShiftPattern(String name, LocalTime from, LocalTime to, Set<DayOfWeek> days) {

    static final int MINUTES_PER_DAY = 24 * 60;

    public ShiftPattern {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("shift name '" + name + "' must not be blank or contain '/'");
        }
        name = name.trim();
        requireWholeMinutes(from, "from");
        requireWholeMinutes(to, "to");
        EnumSet<DayOfWeek> copy = EnumSet.noneOf(DayOfWeek.class);
        copy.addAll(Objects.requireNonNull(days, "days"));
        days = Collections.unmodifiableSet(copy);
    }

    /** A shift on every day. */
    public static ShiftPattern daily(String name, LocalTime from, LocalTime to) {
        return new ShiftPattern(name, from, to, Set.of());
    }

    /** Whether an occurrence of this shift starts on a local date of that weekday. */
    public boolean startsOn(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }

    /** Whether it ends on the day after it starts (including at the midnight ending its day). */
    public boolean endsNextDay() {
        return !to.isAfter(from);
    }

    /** Its length in local minutes (1 to 1440), as on a day without a clock change. */
    int lengthMinutes() {
        int start = from.toSecondOfDay() / 60;
        int end = to.toSecondOfDay() / 60;
        return end > start ? end - start : end + MINUTES_PER_DAY - start;
    }

    static void requireWholeMinutes(LocalTime time, String what) {
        Objects.requireNonNull(time, what);
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new IllegalArgumentException(what + " " + time + " is not a whole minute");
        }
    }
}
