package io.takt.acquisition.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShiftCalendarTest {

    private final ShiftCalendar threeShifts = ShiftCalendar.threeShifts(ZoneOffset.UTC);

    @Test
    void shouldFindTheMealBreakAroundATimeInsideIt() {
        // Given the three-shift calendar, whose 10:00 break lasts 30 minutes
        // When asked about 10:15
        var onBreak = threeShifts.breakAt(Instant.parse("2025-03-03T10:15:00Z"));

        // Then the break runs 10:00 to 10:30
        assertThat(onBreak).contains(new ShiftCalendar.Break(
                Instant.parse("2025-03-03T10:00:00Z"), Instant.parse("2025-03-03T10:30:00Z")));
    }

    @Test
    void shouldTreatBreakStartAsInsideAndBreakEndAsOutside() {
        // Given the 10:00–10:30 break
        // When asked about its first and its end instant
        // Then the start is on break and the end is not
        assertThat(threeShifts.breakAt(Instant.parse("2025-03-03T10:00:00Z"))).isPresent();
        assertThat(threeShifts.breakAt(Instant.parse("2025-03-03T10:30:00Z"))).isEmpty();
    }

    @Test
    void shouldFindABreakThatStartedBeforeMidnight() {
        // Given a 20-minute break at 23:50
        ShiftCalendar calendar = ShiftCalendar.of(ZoneOffset.UTC,
                List.of(new ShiftCalendar.BreakWindow(LocalTime.of(23, 50), Duration.ofMinutes(20))));

        // When asked about 00:05 the next day
        var onBreak = calendar.breakAt(Instant.parse("2025-03-04T00:05:00Z"));

        // Then it is the break that started at 23:50 and ends at 00:10
        assertThat(onBreak).contains(new ShiftCalendar.Break(
                Instant.parse("2025-03-03T23:50:00Z"), Instant.parse("2025-03-04T00:10:00Z")));
    }

    @Test
    void shouldGiveTheNextBreakStrictlyAfterATime() {
        // Given the breaks at 00:00, 02:00, 08:00, 10:00, 16:00 and 18:00
        // When asked after 10:00 exactly and after 18:15
        // Then the next starts are 16:00 the same day and 00:00 the next day
        assertThat(threeShifts.nextBreakAfter(Instant.parse("2025-03-03T10:00:00Z")).orElseThrow().start())
                .isEqualTo(Instant.parse("2025-03-03T16:00:00Z"));
        assertThat(threeShifts.nextBreakAfter(Instant.parse("2025-03-03T18:15:00Z")).orElseThrow().start())
                .isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
    }

    @Test
    void shouldPlaceBreaksInThePlantsTimeZone() {
        // Given a 10:00 break in Berlin, which is UTC+1 in winter
        ShiftCalendar berlin = ShiftCalendar.of(ZoneId.of("Europe/Berlin"),
                List.of(new ShiftCalendar.BreakWindow(LocalTime.of(10, 0), Duration.ofMinutes(15))));

        // When asked about 09:05 UTC on a January day
        // Then that is 10:05 in Berlin, on break
        assertThat(berlin.breakAt(Instant.parse("2025-01-15T09:05:00Z"))).isPresent();
        assertThat(berlin.breakAt(Instant.parse("2025-01-15T10:05:00Z"))).isEmpty();
    }

    @Test
    void shouldHaveNoBreaksWhenEmpty() {
        // Given the calendar without breaks
        // When asked anything
        // Then there is never a break
        assertThat(ShiftCalendar.none().breakAt(Instant.parse("2025-03-03T10:15:00Z"))).isEmpty();
        assertThat(ShiftCalendar.none().nextBreakAfter(Instant.parse("2025-03-03T10:15:00Z"))).isEmpty();
    }
}
