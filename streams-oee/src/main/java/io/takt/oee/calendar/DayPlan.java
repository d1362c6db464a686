package io.takt.oee.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The plan of one local date: its spans from local midnight to the next, in order. Built once per
 * date and then only searched, so that the OEE topology's many lookups cost a binary search.
 */
final class DayPlan {

    /** Reason of the planned down time in a daily break. */
    static final String BREAK = "break";

    private final long epochDay;
    private final long start;
    private final long end;
    private final long[] starts;
    private final CalendarSpan[] spans;

    private DayPlan(long epochDay, List<CalendarSpan> spans) {
        this.epochDay = epochDay;
        this.spans = spans.toArray(CalendarSpan[]::new);
        this.starts = spans.stream().mapToLong(CalendarSpan::start).toArray();
        this.start = this.spans[0].start();
        this.end = this.spans[this.spans.length - 1].end();
    }

    /** A stretch of planned down time: a daily break or a planned stop. */
    private record Downtime(long start, long end, String reason) {
    }

    /** The plan of {@code date} in the calendar. */
    static DayPlan of(LocalDate date, ShiftCalendar calendar) {
        ZoneId zone = calendar.zone();
        long dayStart = startOfDay(date, zone);
        long dayEnd = startOfDay(date.plusDays(1), zone);
        List<Shift> shifts = shiftsTouching(date, dayStart, dayEnd, calendar);
        List<Downtime> downtimes = downtimesTouching(date, dayStart, dayEnd, calendar);
        long[] cuts = cuts(dayStart, dayEnd, shifts, downtimes);
        List<CalendarSpan> spans = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            add(spans, classify(cuts[i], cuts[i + 1], shifts, downtimes));
        }
        return new DayPlan(date.toEpochDay(), spans);
    }

    long epochDay() {
        return epochDay;
    }

    boolean holds(long epochMillis) {
        return epochMillis >= start && epochMillis < end;
    }

    /** The span holding a time this plan {@link #holds}. */
    CalendarSpan spanAt(long epochMillis) {
        int i = Arrays.binarySearch(starts, epochMillis);
        return spans[i >= 0 ? i : -i - 2];
    }

    static long startOfDay(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    // java.time puts a local time that falls in a DST gap forward by the gap's length, and takes
    // the earlier offset for one that occurs twice: the rule the docs promise.
    private static long at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant().toEpochMilli();
    }

    // A shift lasts at most 24 local hours, so only those starting the day before or on the day reach it.
    private static List<Shift> shiftsTouching(LocalDate date, long dayStart, long dayEnd, ShiftCalendar calendar) {
        List<Shift> shifts = new ArrayList<>();
        for (LocalDate startDate : List.of(date.minusDays(1), date)) {
            if (calendar.isHoliday(startDate)) {
                continue;
            }
            for (ShiftPattern pattern : calendar.shifts()) {
                if (!pattern.startsOn(startDate.getDayOfWeek())) {
                    continue;
                }
                long start = at(startDate, pattern.from(), calendar.zone());
                LocalDate endDate = pattern.endsNextDay() ? startDate.plusDays(1) : startDate;
                long end = Math.max(start, at(endDate, pattern.to(), calendar.zone()));
                if (start < dayEnd && end > dayStart && end > start) {
                    shifts.add(new Shift(startDate + "/" + pattern.name(), pattern.name(), start, end));
                }
            }
        }
        shifts.sort(Comparator.comparingLong(Shift::start));
        return shifts;
    }

    // Planned stops come first so that their reason wins where one overlaps a break.
    private static List<Downtime> downtimesTouching(LocalDate date, long dayStart, long dayEnd,
                                                    ShiftCalendar calendar) {
        List<Downtime> downtimes = new ArrayList<>();
        for (PlannedStop stop : calendar.plannedStops()) {
            long start = stop.start().toEpochMilli();
            long end = stop.end().toEpochMilli();
            if (start < dayEnd && end > dayStart) {
                downtimes.add(new Downtime(start, end, stop.spanReason()));
            }
        }
        for (LocalDate startDate : List.of(date.minusDays(1), date)) {
            for (DailyBreak pause : calendar.breaks()) {
                long start = at(startDate, pause.from(), calendar.zone());
                LocalDate endDate = pause.endsNextDay() ? startDate.plusDays(1) : startDate;
                long end = at(endDate, pause.to(), calendar.zone());
                if (start < dayEnd && end > dayStart && end > start) {
                    downtimes.add(new Downtime(start, end, BREAK));
                }
            }
        }
        return downtimes;
    }

    /** Every instant in [dayStart, dayEnd] where the plan may change, sorted, once each. */
    private static long[] cuts(long dayStart, long dayEnd, List<Shift> shifts, List<Downtime> downtimes) {
        long[] cuts = new long[2 + 2 * shifts.size() + 2 * downtimes.size()];
        int n = 0;
        cuts[n++] = dayStart;
        cuts[n++] = dayEnd;
        for (Shift shift : shifts) {
            cuts[n++] = clamp(shift.start(), dayStart, dayEnd);
            cuts[n++] = clamp(shift.end(), dayStart, dayEnd);
        }
        for (Downtime downtime : downtimes) {
            cuts[n++] = clamp(downtime.start(), dayStart, dayEnd);
            cuts[n++] = clamp(downtime.end(), dayStart, dayEnd);
        }
        return Arrays.stream(cuts).sorted().distinct().toArray();
    }

    private static long clamp(long t, long min, long max) {
        return Math.max(min, Math.min(max, t));
    }

    // The plan is constant between two cuts, so its start decides the whole piece. Where shifts
    // overlap (only possible in a DST gap) the earlier-starting one has it.
    private static CalendarSpan classify(long start, long end, List<Shift> shifts, List<Downtime> downtimes) {
        Shift shift = shifts.stream().filter(s -> s.start() <= start && start < s.end()).findFirst().orElse(null);
        if (shift == null) {
            return new CalendarSpan(start, end, PlanKind.UNPLANNED, null, null);
        }
        return downtimes.stream().filter(d -> d.start() <= start && start < d.end()).findFirst()
                .map(d -> new CalendarSpan(start, end, PlanKind.PLANNED_DOWN, shift, d.reason()))
                .orElseGet(() -> new CalendarSpan(start, end, PlanKind.PLANNED_BUSY, shift, null));
    }

    /** Appends a piece, joining it to the span before when the plan does not change between them. */
    private static void add(List<CalendarSpan> spans, CalendarSpan piece) {
        int last = spans.size() - 1;
        if (last >= 0 && samePlan(spans.get(last), piece)) {
            CalendarSpan before = spans.get(last);
            spans.set(last, new CalendarSpan(before.start(), piece.end(), before.kind(), before.shift(),
                    before.plannedStopReason()));
        } else {
            spans.add(piece);
        }
    }

    private static boolean samePlan(CalendarSpan a, CalendarSpan b) {
        return a.kind() == b.kind() && Objects.equals(a.shift(), b.shift())
                && Objects.equals(a.plannedStopReason(), b.plannedStopReason());
    }
}
