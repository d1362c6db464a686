package io.takt.oee.calendar;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;

/**
 * The shift patterns laid out on one week of local minutes, which repeats: two shifts overlap in
 * some week exactly when they overlap on this ring. Also keeps shift ids unique: a name may start
 * at most once a day.
 */
final class ShiftWeek {

    private static final int MINUTES_PER_WEEK = 7 * ShiftPattern.MINUTES_PER_DAY;

    private ShiftWeek() {
    }

    /** @throws IllegalArgumentException naming the first two shifts that overlap or share a name on a day */
    static void requireNoOverlap(List<ShiftPattern> shifts) {
        for (int i = 0; i < shifts.size(); i++) {
            for (int j = i + 1; j < shifts.size(); j++) {
                requireApart(shifts.get(i), shifts.get(j));
            }
        }
    }

    private static void requireApart(ShiftPattern a, ShiftPattern b) {
        for (DayOfWeek dayA : startDays(a)) {
            for (DayOfWeek dayB : startDays(b)) {
                if (a.name().equals(b.name()) && dayA == dayB) {
                    throw new IllegalArgumentException("shifts " + show(a, dayA) + " and " + show(b, dayB)
                            + " have the same name and start on the same day, so their shift ids would clash");
                }
                if (overlap(a, dayA, b, dayB)) {
                    throw new IllegalArgumentException("shifts " + show(a, dayA) + " and " + show(b, dayB)
                            + " overlap");
                }
            }
        }
    }

    private static boolean overlap(ShiftPattern a, DayOfWeek dayA, ShiftPattern b, DayOfWeek dayB) {
        int startA = startMinute(a, dayA);
        int startB = startMinute(b, dayB);
        return Math.floorMod(startB - startA, MINUTES_PER_WEEK) < a.lengthMinutes()
                || Math.floorMod(startA - startB, MINUTES_PER_WEEK) < b.lengthMinutes();
    }

    private static int startMinute(ShiftPattern shift, DayOfWeek day) {
        return (day.getValue() - 1) * ShiftPattern.MINUTES_PER_DAY + shift.from().toSecondOfDay() / 60;
    }

    private static List<DayOfWeek> startDays(ShiftPattern shift) {
        return shift.days().isEmpty() ? Arrays.asList(DayOfWeek.values()) : List.copyOf(shift.days());
    }

    private static String show(ShiftPattern shift, DayOfWeek day) {
        return "'" + shift.name() + "' (" + CalendarText.startTime(shift.from()) + "-"
                + CalendarText.endTime(shift.to()) + " starting " + CalendarText.weekday(day) + ")";
    }
}
