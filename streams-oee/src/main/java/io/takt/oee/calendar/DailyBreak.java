package io.takt.oee.calendar;

import java.time.LocalTime;

/**
 * A break at the same local time every day; planned down time where it falls inside a shift.
 *
 * @param from local time it begins
 * @param to   local time it ends, exclusive; at or before {@code from} means the next day
 */
public record DailyBreak(LocalTime from, LocalTime to) {

    public DailyBreak {
        ShiftPattern.requireWholeMinutes(from, "from");
        ShiftPattern.requireWholeMinutes(to, "to");
    }

    /** Whether it ends on the day after it begins (including at the midnight ending its day). */
    public boolean endsNextDay() {
        return !to.isAfter(from);
    }
}
