package io.takt.oee.calendar;

import static io.takt.oee.calendar.ShiftCalendarTest.ms;
import static io.takt.oee.calendar.ShiftCalendarTest.shift;
import static io.takt.oee.calendar.ShiftCalendarTest.span;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Europe/Berlin: CET is UTC+1, CEST UTC+2. In 2026 summer time begins Sunday 29 March at 02:00 CET
 * (01:00Z, clocks jump to 03:00) and ends Sunday 25 October at 03:00 CEST (01:00Z, clocks fall back
 * to 02:00). March 1st and the 29th are Sundays (2026-01-01 is a Thursday, +59 days); October 1st is
 * a Thursday (+273 days, 273 = 39 weeks), so the 25th is the last Sunday.
 */
class ShiftCalendarDstTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<ShiftPattern> THREE_SHIFTS = List.of(
            ShiftPattern.daily("early", LocalTime.of(6, 0), LocalTime.of(14, 0)),
            ShiftPattern.daily("late", LocalTime.of(14, 0), LocalTime.of(22, 0)),
            ShiftPattern.daily("night", LocalTime.of(22, 0), LocalTime.of(6, 0)));

    @Test
    void shouldMakeTheSpringDayTwentyThreeHoursLong() {
        // Given round the clock in Berlin
        ShiftCalendar calendar = ShiftCalendar.roundTheClock(BERLIN);

        // When asked at noon of 29 March
        CalendarSpan span = calendar.spanAt(ms("2026-03-29T10:00:00Z"));

        // Then the day runs 00:00 CET (28th 23:00Z) to 00:00 CEST on the 30th (29th 22:00Z): 23 h
        Shift day = shift("2026-03-29/day", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z");
        assertThat(span).isEqualTo(span("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", PlanKind.PLANNED_BUSY,
                day, null));
        assertThat(span.end() - span.start()).isEqualTo(23 * 3_600_000L);
    }

    @Test
    void shouldShortenTheNightShiftAndMoveABreakOutOfTheGapInSpring() {
        // Given three shifts in Berlin, and a break 02:15-02:45, which does not exist on 29 March
        ShiftCalendar calendar = ShiftCalendar.of(BERLIN, THREE_SHIFTS,
                List.of(new DailyBreak(LocalTime.of(2, 15), LocalTime.of(2, 45))), List.of(), List.of());
        // night of the 28th: 22:00 CET = 21:00Z to 06:00 CEST = 04:00Z, 7 h instead of 8
        Shift night = shift("2026-03-28/night", "2026-03-28T21:00:00Z", "2026-03-29T04:00:00Z");

        // When/Then the night is cut at local midnight (23:00Z) ...
        assertThat(calendar.spanAt(ms("2026-03-28T22:00:00Z"))).isEqualTo(span("2026-03-28T21:00:00Z",
                "2026-03-28T23:00:00Z", PlanKind.PLANNED_BUSY, night, null));
        // ... is busy until the break, which java.time moves forward by the 1 h gap: 03:15-03:45 CEST = 01:15Z-01:45Z
        assertThat(calendar.spanAt(ms("2026-03-29T01:00:00Z"))).isEqualTo(span("2026-03-28T23:00:00Z",
                "2026-03-29T01:15:00Z", PlanKind.PLANNED_BUSY, night, null));
        assertThat(calendar.spanAt(ms("2026-03-29T01:30:00Z"))).isEqualTo(span("2026-03-29T01:15:00Z",
                "2026-03-29T01:45:00Z", PlanKind.PLANNED_DOWN, night, "break"));
        assertThat(calendar.spanAt(ms("2026-03-29T03:59:59.999Z"))).isEqualTo(span("2026-03-29T01:45:00Z",
                "2026-03-29T04:00:00Z", PlanKind.PLANNED_BUSY, night, null));
        // and the early shift is 8 h as always: 06:00-14:00 CEST = 04:00Z-12:00Z
        assertThat(calendar.shiftAt(ms("2026-03-29T04:00:00Z"))).contains(
                shift("2026-03-29/early", "2026-03-29T04:00:00Z", "2026-03-29T12:00:00Z"));
        Shift night28 = calendar.shiftAt(ms("2026-03-29T00:00:00Z")).orElseThrow();
        assertThat(night28.end() - night28.start()).isEqualTo(7 * 3_600_000L);
    }

    @Test
    void shouldMakeTheAutumnDayTwentyFiveHoursLong() {
        // Given round the clock in Berlin
        ShiftCalendar calendar = ShiftCalendar.roundTheClock(BERLIN);

        // When asked at noon of 25 October
        CalendarSpan span = calendar.spanAt(ms("2026-10-25T11:00:00Z"));

        // Then the day runs 00:00 CEST (24th 22:00Z) to 00:00 CET on the 26th (25th 23:00Z): 25 h
        Shift day = shift("2026-10-25/day", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z");
        assertThat(span).isEqualTo(span("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", PlanKind.PLANNED_BUSY,
                day, null));
        assertThat(span.end() - span.start()).isEqualTo(25 * 3_600_000L);
    }

    @Test
    void shouldLengthenTheNightShiftAndTakeTheFirstOfATwiceOccurringBreakInAutumn() {
        // Given three shifts in Berlin and a break 02:30-02:45, a local time that occurs twice on 25 October
        ShiftCalendar calendar = ShiftCalendar.of(BERLIN, THREE_SHIFTS,
                List.of(new DailyBreak(LocalTime.of(2, 30), LocalTime.of(2, 45))), List.of(), List.of());
        // night of the 24th: 22:00 CEST = 20:00Z to 06:00 CET = 05:00Z, 9 h instead of 8
        Shift night = shift("2026-10-24/night", "2026-10-24T20:00:00Z", "2026-10-25T05:00:00Z");

        // When/Then the break takes the earlier offset (java.time's rule): 02:30-02:45 CEST = 00:30Z-00:45Z
        assertThat(calendar.spanAt(ms("2026-10-25T00:40:00Z"))).isEqualTo(span("2026-10-25T00:30:00Z",
                "2026-10-25T00:45:00Z", PlanKind.PLANNED_DOWN, night, "break"));
        // the second 02:30-02:45 (CET, 01:30Z-01:45Z) is busy, to the end of the night
        assertThat(calendar.spanAt(ms("2026-10-25T01:35:00Z"))).isEqualTo(span("2026-10-25T00:45:00Z",
                "2026-10-25T05:00:00Z", PlanKind.PLANNED_BUSY, night, null));
        Shift found = calendar.shiftAt(ms("2026-10-25T04:59:00Z")).orElseThrow();
        assertThat(found).isEqualTo(night);
        assertThat(found.end() - found.start()).isEqualTo(9 * 3_600_000L);
    }
}
