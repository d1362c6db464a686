package io.takt.oee.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ShiftCalendarTest {

    private static final ShiftPattern EARLY = ShiftPattern.daily("early", LocalTime.of(6, 0), LocalTime.of(14, 0));
    private static final ShiftPattern LATE = ShiftPattern.daily("late", LocalTime.of(14, 0), LocalTime.of(22, 0));
    private static final ShiftPattern NIGHT = ShiftPattern.daily("night", LocalTime.of(22, 0), LocalTime.of(6, 0));
    private static final List<ShiftPattern> THREE_SHIFTS = List.of(EARLY, LATE, NIGHT);

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static Shift shift(String id, String start, String end) {
        return new Shift(id, id.substring(id.indexOf('/') + 1), ms(start), ms(end));
    }

    static CalendarSpan span(String start, String end, PlanKind kind, Shift shift, String reason) {
        return new CalendarSpan(ms(start), ms(end), kind, shift, reason);
    }

    @Test
    void shouldPlanThreeShiftsWithABreakCrossingMidnight() {
        // Given three shifts every day in UTC, a break 10:00-10:30 and one 23:45-00:15
        ShiftCalendar calendar = ShiftCalendar.of(ZoneOffset.UTC, THREE_SHIFTS,
                List.of(new DailyBreak(LocalTime.of(10, 0), LocalTime.of(10, 30)),
                        new DailyBreak(LocalTime.of(23, 45), LocalTime.of(0, 15))),
                List.of(), List.of());
        // night of 2026-03-09 runs 22:00 that day to 06:00 on 2026-03-10; the next one from 22:00 on the 10th
        Shift night9 = shift("2026-03-09/night", "2026-03-09T22:00:00Z", "2026-03-10T06:00:00Z");
        Shift early = shift("2026-03-10/early", "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z");
        Shift late = shift("2026-03-10/late", "2026-03-10T14:00:00Z", "2026-03-10T22:00:00Z");
        Shift night10 = shift("2026-03-10/night", "2026-03-10T22:00:00Z", "2026-03-11T06:00:00Z");

        // When asked through the day 2026-03-10 / Then every stretch is where the pattern puts it
        assertThat(calendar.spanAt(ms("2026-03-10T00:05:00Z"))).isEqualTo(span(
                "2026-03-10T00:00:00Z", "2026-03-10T00:15:00Z", PlanKind.PLANNED_DOWN, night9, "break"));
        assertThat(calendar.spanAt(ms("2026-03-10T00:15:00Z"))).isEqualTo(span(
                "2026-03-10T00:15:00Z", "2026-03-10T06:00:00Z", PlanKind.PLANNED_BUSY, night9, null));
        assertThat(calendar.spanAt(ms("2026-03-10T09:59:59.999Z"))).isEqualTo(span(
                "2026-03-10T06:00:00Z", "2026-03-10T10:00:00Z", PlanKind.PLANNED_BUSY, early, null));
        assertThat(calendar.spanAt(ms("2026-03-10T10:00:00Z"))).isEqualTo(span(
                "2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z", PlanKind.PLANNED_DOWN, early, "break"));
        assertThat(calendar.spanAt(ms("2026-03-10T13:00:00Z"))).isEqualTo(span(
                "2026-03-10T10:30:00Z", "2026-03-10T14:00:00Z", PlanKind.PLANNED_BUSY, early, null));
        // end is exclusive: 14:00 is already the late shift
        assertThat(calendar.spanAt(ms("2026-03-10T14:00:00Z"))).isEqualTo(span(
                "2026-03-10T14:00:00Z", "2026-03-10T22:00:00Z", PlanKind.PLANNED_BUSY, late, null));
        assertThat(calendar.spanAt(ms("2026-03-10T23:00:00Z"))).isEqualTo(span(
                "2026-03-10T22:00:00Z", "2026-03-10T23:45:00Z", PlanKind.PLANNED_BUSY, night10, null));
        // the break 23:45-00:15 is cut at midnight into 15 min on each day, same shift
        assertThat(calendar.spanAt(ms("2026-03-10T23:59:00Z"))).isEqualTo(span(
                "2026-03-10T23:45:00Z", "2026-03-11T00:00:00Z", PlanKind.PLANNED_DOWN, night10, "break"));
        assertThat(calendar.spanAt(ms("2026-03-11T00:00:00Z"))).isEqualTo(span(
                "2026-03-11T00:00:00Z", "2026-03-11T00:15:00Z", PlanKind.PLANNED_DOWN, night10, "break"));
        assertThat(calendar.shiftAt(ms("2026-03-10T10:10:00Z"))).contains(early);
    }

    @Test
    void shouldPlanShiftsOnlyOnTheirWeekdays() {
        // Given early Mon-Fri, a weekend shift Sat+Sun, and a night shift starting Sun-Thu
        ShiftCalendar calendar = ShiftCalendar.of(ZoneOffset.UTC, List.of(
                new ShiftPattern("early", LocalTime.of(6, 0), LocalTime.of(14, 0),
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)),
                new ShiftPattern("weekend", LocalTime.of(8, 0), LocalTime.of(12, 0),
                        EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)),
                new ShiftPattern("night", LocalTime.of(22, 0), LocalTime.of(6, 0),
                        EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                                DayOfWeek.THURSDAY))),
                List.of(), List.of(), List.of());
        // 2026-01-01 is a Thursday, so March 1st (31 + 28 = 59 days later, 59 mod 7 = 3) is a Sunday:
        // 2026-03-12 Thu, 13 Fri, 14 Sat, 15 Sun, 16 Mon

        // When/Then Friday: the night begun Thursday until 06:00, early, then nothing (no night starts Friday)
        assertThat(calendar.spanAt(ms("2026-03-13T03:00:00Z"))).isEqualTo(span("2026-03-13T00:00:00Z",
                "2026-03-13T06:00:00Z", PlanKind.PLANNED_BUSY,
                shift("2026-03-12/night", "2026-03-12T22:00:00Z", "2026-03-13T06:00:00Z"), null));
        assertThat(calendar.spanAt(ms("2026-03-13T22:30:00Z"))).isEqualTo(span("2026-03-13T14:00:00Z",
                "2026-03-14T00:00:00Z", PlanKind.UNPLANNED, null, null));
        // Saturday: only the weekend shift
        assertThat(calendar.spanAt(ms("2026-03-14T07:00:00Z"))).isEqualTo(span("2026-03-14T00:00:00Z",
                "2026-03-14T08:00:00Z", PlanKind.UNPLANNED, null, null));
        assertThat(calendar.shiftAt(ms("2026-03-14T11:59:00Z"))).contains(
                shift("2026-03-14/weekend", "2026-03-14T08:00:00Z", "2026-03-14T12:00:00Z"));
        assertThat(calendar.shiftAt(ms("2026-03-14T12:00:00Z"))).isEmpty();
        // Sunday: weekend, then the night that starts Sunday runs into Monday
        assertThat(calendar.spanAt(ms("2026-03-15T21:00:00Z"))).isEqualTo(span("2026-03-15T12:00:00Z",
                "2026-03-15T22:00:00Z", PlanKind.UNPLANNED, null, null));
        Shift sundayNight = shift("2026-03-15/night", "2026-03-15T22:00:00Z", "2026-03-16T06:00:00Z");
        assertThat(calendar.spanAt(ms("2026-03-16T05:00:00Z"))).isEqualTo(span("2026-03-16T00:00:00Z",
                "2026-03-16T06:00:00Z", PlanKind.PLANNED_BUSY, sundayNight, null));
    }

    @Test
    void shouldStartNoShiftOnAHolidayButLetTheNightBeforeRunIntoIt() {
        // Given three shifts every day and Christmas Day a holiday
        ShiftCalendar calendar = ShiftCalendar.of(ZoneOffset.UTC, THREE_SHIFTS, List.of(),
                List.of(LocalDate.of(2026, 12, 25)), List.of());

        // When/Then the night of the 24th still runs until 06:00 on the 25th
        assertThat(calendar.spanAt(ms("2026-12-25T05:00:00Z"))).isEqualTo(span("2026-12-25T00:00:00Z",
                "2026-12-25T06:00:00Z", PlanKind.PLANNED_BUSY,
                shift("2026-12-24/night", "2026-12-24T22:00:00Z", "2026-12-25T06:00:00Z"), null));
        // and from then no shift starts: unplanned to midnight (the night of the 25th does not exist either)
        assertThat(calendar.spanAt(ms("2026-12-25T06:00:00Z"))).isEqualTo(span("2026-12-25T06:00:00Z",
                "2026-12-26T00:00:00Z", PlanKind.UNPLANNED, null, null));
        // the unplanned stretch goes on until 06:00 on the 26th, cut at midnight
        assertThat(calendar.spanAt(ms("2026-12-26T03:00:00Z"))).isEqualTo(span("2026-12-26T00:00:00Z",
                "2026-12-26T06:00:00Z", PlanKind.UNPLANNED, null, null));
        assertThat(calendar.shiftAt(ms("2026-12-26T06:00:00Z"))).contains(
                shift("2026-12-26/early", "2026-12-26T06:00:00Z", "2026-12-26T14:00:00Z"));
        assertThat(calendar.isHoliday(LocalDate.of(2026, 12, 25))).isTrue();
    }

    @Test
    void shouldPlanDownAPlannedStopOnlyWhereItLiesInAShift() {
        // Given early 06-14 and late 14-22 every day, a break 11:30-12:30, a maintenance 10:00-12:00 on
        // 2026-11-26 and a stop without reason from 21:00 that day to 07:00 the next
        ShiftCalendar calendar = ShiftCalendar.of(ZoneOffset.UTC, List.of(EARLY, LATE),
                List.of(new DailyBreak(LocalTime.of(11, 30), LocalTime.of(12, 30))), List.of(),
                List.of(new PlannedStop(Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T12:00:00Z"),
                                "PM-2026-48 press overhaul"),
                        new PlannedStop(Instant.parse("2026-11-26T21:00:00Z"), Instant.parse("2026-11-27T07:00:00Z"),
                                null)));
        Shift early26 = shift("2026-11-26/early", "2026-11-26T06:00:00Z", "2026-11-26T14:00:00Z");
        Shift late26 = shift("2026-11-26/late", "2026-11-26T14:00:00Z", "2026-11-26T22:00:00Z");
        Shift early27 = shift("2026-11-27/early", "2026-11-27T06:00:00Z", "2026-11-27T14:00:00Z");

        // When/Then the maintenance covers the break's first half (its reason wins), the break the rest
        assertThat(calendar.spanAt(ms("2026-11-26T11:45:00Z"))).isEqualTo(span("2026-11-26T10:00:00Z",
                "2026-11-26T12:00:00Z", PlanKind.PLANNED_DOWN, early26, "PM-2026-48 press overhaul"));
        assertThat(calendar.spanAt(ms("2026-11-26T12:00:00Z"))).isEqualTo(span("2026-11-26T12:00:00Z",
                "2026-11-26T12:30:00Z", PlanKind.PLANNED_DOWN, early26, "break"));
        // the overnight stop is planned down only in the late and early shifts; between them nothing is planned
        assertThat(calendar.spanAt(ms("2026-11-26T21:30:00Z"))).isEqualTo(span("2026-11-26T21:00:00Z",
                "2026-11-26T22:00:00Z", PlanKind.PLANNED_DOWN, late26, "planned stop"));
        assertThat(calendar.spanAt(ms("2026-11-26T23:00:00Z"))).isEqualTo(span("2026-11-26T22:00:00Z",
                "2026-11-27T00:00:00Z", PlanKind.UNPLANNED, null, null));
        assertThat(calendar.spanAt(ms("2026-11-27T06:30:00Z"))).isEqualTo(span("2026-11-27T06:00:00Z",
                "2026-11-27T07:00:00Z", PlanKind.PLANNED_DOWN, early27, "planned stop"));
        assertThat(calendar.spanAt(ms("2026-11-27T07:00:00Z"))).isEqualTo(span("2026-11-27T07:00:00Z",
                "2026-11-27T11:30:00Z", PlanKind.PLANNED_BUSY, early27, null));
    }

    @Test
    void shouldCutRoundTheClockSpansAtLocalMidnight() {
        // Given a round-the-clock calendar in UTC+02:00
        ShiftCalendar calendar = ShiftCalendar.roundTheClock(ZoneOffset.ofHours(2));

        // When asked at 2026-06-01T21:59Z (23:59 local) and 22:00Z (00:00 local on June 2nd)
        CalendarSpan before = calendar.spanAt(ms("2026-06-01T21:59:00Z"));
        CalendarSpan after = calendar.spanAt(ms("2026-06-01T22:00:00Z"));

        // Then each local day is one busy span and one shift "day": local midnight is 22:00Z
        assertThat(before).isEqualTo(span("2026-05-31T22:00:00Z", "2026-06-01T22:00:00Z", PlanKind.PLANNED_BUSY,
                shift("2026-06-01/day", "2026-05-31T22:00:00Z", "2026-06-01T22:00:00Z"), null));
        assertThat(after).isEqualTo(span("2026-06-01T22:00:00Z", "2026-06-02T22:00:00Z", PlanKind.PLANNED_BUSY,
                shift("2026-06-02/day", "2026-06-01T22:00:00Z", "2026-06-02T22:00:00Z"), null));
    }

    @Test
    void shouldAnswerTheSameForDaysThatShareACacheSlot() {
        // Given a three-shift calendar, and days 64 apart (the day cache is direct-mapped on 64 slots)
        ShiftCalendar calendar = ShiftCalendar.of(ZoneOffset.UTC, THREE_SHIFTS, List.of(), List.of(), List.of());

        // When asked on 2026-03-10, then 64 days later (2026-05-13: 21 + 30 + 13 = 64), then again
        Shift first = calendar.shiftAt(ms("2026-03-10T07:00:00Z")).orElseThrow();
        Shift second = calendar.shiftAt(ms("2026-05-13T07:00:00Z")).orElseThrow();
        Shift again = calendar.shiftAt(ms("2026-03-10T07:00:00Z")).orElseThrow();

        // Then each answer is that day's early shift
        assertThat(first.id()).isEqualTo("2026-03-10/early");
        assertThat(second.id()).isEqualTo("2026-05-13/early");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldGiveEveryThreadTheSameSpansWhenShared() {
        // Given one calendar shared by several threads and a fresh one asked alone
        ShiftCalendar shared = ShiftCalendar.of(ZoneOffset.UTC, THREE_SHIFTS, List.of(), List.of(), List.of());
        ShiftCalendar alone = ShiftCalendar.of(ZoneOffset.UTC, THREE_SHIFTS, List.of(), List.of(), List.of());
        long start = ms("2026-01-01T00:00:00Z");
        long step = 37 * 60_000L; // 37 min: lands in every shift and on many days, 400 days in all
        int steps = 400 * 24 * 60 / 37;

        // When the shared one is asked from many threads at once
        List<CalendarSpan> parallel = IntStream.range(0, steps).parallel()
                .mapToObj(i -> shared.spanAt(start + i * step)).toList();

        // Then its answers equal the single-threaded ones
        List<CalendarSpan> serial = IntStream.range(0, steps).mapToObj(i -> alone.spanAt(start + i * step)).toList();
        assertThat(parallel).isEqualTo(serial);
    }
}
