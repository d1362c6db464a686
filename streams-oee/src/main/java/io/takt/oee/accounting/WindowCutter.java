package io.takt.oee.accounting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

import io.takt.oee.calendar.CalendarSpan;
import io.takt.oee.calendar.ShiftCalendar;
import io.takt.schemas.WindowKind;

/**
 * Finds the MINUTE, HOUR, DAY and SHIFT windows holding an instant, in a calendar's time zone, and
 * the next instant at which any of them (or the calendar's plan) changes. Not thread-safe: it
 * remembers the last day it worked out, since consecutive calls nearly always fall on the same day.
 */
final class WindowCutter {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;

    private final ShiftCalendar calendar;
    private final ZoneRules rules;
    private final ZoneId zone;
    private long dayStart = Long.MAX_VALUE;
    private long dayEnd = Long.MIN_VALUE;

    WindowCutter(ShiftCalendar calendar) {
        this.calendar = calendar;
        this.zone = calendar.zone();
        this.rules = zone.getRules();
    }

    CalendarSpan spanAt(long time) {
        return calendar.spanAt(time);
    }

    /** The windows holding {@code time}: minute, hour, day, and the shift when {@code span} lies in one. */
    List<WindowRef> windowsAt(long time, CalendarSpan span) {
        List<WindowRef> windows = new ArrayList<>(4);
        long minute = Math.floorDiv(time, MINUTE) * MINUTE;
        windows.add(new WindowRef(WindowKind.MINUTE, minute, minute + MINUTE, null));
        long hour = hourStart(time);
        windows.add(new WindowRef(WindowKind.HOUR, hour, hour + HOUR, null));
        locateDay(time);
        windows.add(new WindowRef(WindowKind.DAY, dayStart, dayEnd, null));
        if (span.shift() != null) {
            windows.add(new WindowRef(WindowKind.SHIFT, span.shift().start(), span.shift().end(), span.shift().id()));
        }
        return windows;
    }

    /** The first instant after {@code time} where a minute, hour, day or the calendar's span ends. */
    long nextCut(long time, CalendarSpan span) {
        long minuteEnd = Math.floorDiv(time, MINUTE) * MINUTE + MINUTE;
        locateDay(time);
        return Math.min(Math.min(minuteEnd, span.end()), Math.min(hourStart(time) + HOUR, dayEnd));
    }

    // Local full hours: with a half-hour zone offset they are not UTC full hours.
    private long hourStart(long time) {
        long offset = rules.getOffset(Instant.ofEpochMilli(time)).getTotalSeconds() * 1000L;
        return Math.floorDiv(time + offset, HOUR) * HOUR - offset;
    }

    private void locateDay(long time) {
        if (time >= dayStart && time < dayEnd) {
            return;
        }
        LocalDate date = Instant.ofEpochMilli(time).atZone(zone).toLocalDate();
        dayStart = date.atStartOfDay(zone).toInstant().toEpochMilli();
        dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
