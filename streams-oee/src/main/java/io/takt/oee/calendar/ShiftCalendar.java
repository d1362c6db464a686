package io.takt.oee.calendar;

import java.time.ZoneId;
import java.util.Optional;

/**
 * When a site or line is planned to work, in one time zone: shift patterns per weekday, daily
 * breaks, holidays and one-off planned stops. Immutable and thread-safe; answers are cached per
 * local day, since the OEE topology asks once per accounted interval piece.
 *
 * <p>STUB: the API is fixed, the implementation comes with the calendar work package.
 */
public final class ShiftCalendar {

    private final ZoneId zone;

    private ShiftCalendar(ZoneId zone) {
        this.zone = zone;
    }

    /** One shift named {@code day} from 00:00 to 24:00 every day, no breaks: everything planned busy. */
    public static ShiftCalendar roundTheClock(ZoneId zone) {
        return new ShiftCalendar(zone);
    }

    /**
     * The calendar a {@code ShiftCalendar} record describes.
     *
     * @throws IllegalArgumentException naming the field that is wrong (bad zone, time, weekday,
     *                                  date, overlapping shifts, a planned stop ending before it starts)
     */
    public static ShiftCalendar of(io.takt.schemas.ShiftCalendar record) {
        throw new UnsupportedOperationException("not yet");
    }

    /** This calendar as a record of the given scope, e.g. to publish it on the shift-calendar topic. */
    public io.takt.schemas.ShiftCalendar toRecord(String scope, java.time.Instant updatedAt) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The zone local times, dates, hours and days are in. */
    public ZoneId zone() {
        return zone;
    }

    /** The span containing {@code epochMillis}. */
    public CalendarSpan spanAt(long epochMillis) {
        long day = 86_400_000L;
        long start = Math.floorDiv(epochMillis, day) * day;
        Shift shift = new Shift(java.time.LocalDate.ofEpochDay(start / day) + "/day", "day", start, start + day);
        return new CalendarSpan(start, start + day, PlanKind.PLANNED_BUSY, shift, null);
    }

    /** The shift going on at {@code epochMillis}, if any (also on a break inside it). */
    public Optional<Shift> shiftAt(long epochMillis) {
        return Optional.ofNullable(spanAt(epochMillis).shift());
    }
}
