package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.takt.acquisition.simulator.plant.ShiftCalendar;

class DemoShiftsTest {

    @Test
    void shouldLayTheShiftsFromTheHourTheDemoStartsSoTheFirstBreakIsHoursAway() {
        // Given a demo started at 10:05 UTC, which the fixed plan would put in its 10:00-10:30 meal break
        DemoShifts shifts = DemoShifts.startingAt(Instant.parse("2026-11-26T10:05:42Z"));

        // Then shift A starts at 10:00, B at 18:00, C at 02:00, each 8 h
        assertThat(shifts.oeeShifts()).isEqualTo("A=10:00-18:00,B=18:00-02:00,C=02:00-10:00");
        // And each has a 10-minute break 2 h in and a 30-minute one 4 h in
        assertThat(shifts.oeeBreaks()).isEqualTo(
                "12:00-12:10,14:00-14:30,20:00-20:10,22:00-22:30,04:00-04:10,06:00-06:30");
        // And the plant is working at the start; its first break is at 12:00, 1 h 54 min 18 s later
        ShiftCalendar calendar = shifts.calendar();
        assertThat(calendar.breakAt(Instant.parse("2026-11-26T10:05:42Z"))).isEmpty();
        assertThat(calendar.nextBreakAfter(Instant.parse("2026-11-26T10:05:42Z")).orElseThrow().start())
                .isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void shouldWrapShiftsAndBreaksPastMidnight() {
        // Given a demo started at 23:59 UTC: A 23:00-07:00, B 07:00-15:00, C 15:00-23:00
        DemoShifts shifts = DemoShifts.startingAt(Instant.parse("2026-11-26T23:59:00Z"));

        assertThat(shifts.oeeShifts()).isEqualTo("A=23:00-07:00,B=07:00-15:00,C=15:00-23:00");
        // A's breaks fall on the next day: 01:00 and 03:00
        assertThat(shifts.oeeBreaks()).isEqualTo(
                "01:00-01:10,03:00-03:30,09:00-09:10,11:00-11:30,17:00-17:10,19:00-19:30");
        assertThat(shifts.calendar().nextBreakAfter(Instant.parse("2026-11-26T23:59:00Z")).orElseThrow().start())
                .isEqualTo(Instant.parse("2026-11-27T01:00:00Z"));
    }
}
