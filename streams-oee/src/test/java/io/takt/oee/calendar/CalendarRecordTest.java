package io.takt.oee.calendar;

import static io.takt.oee.calendar.ShiftCalendarTest.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.takt.schemas.DailyBreak;
import io.takt.schemas.PlannedStop;
import io.takt.schemas.ShiftCalendar;
import io.takt.schemas.ShiftPattern;
import org.junit.jupiter.api.Test;

class CalendarRecordTest {

    private static final Instant UPDATED = Instant.parse("2026-11-20T08:00:00Z");

    private static ShiftCalendar.Builder berlinPlant() {
        return ShiftCalendar.newBuilder()
                .setScope("site1.assembly.line2")
                .setTimeZone("Europe/Berlin")
                .setShifts(List.of(
                        new ShiftPattern("early", "06:00", "14:00", List.of("MON", "TUE", "WED", "THU", "FRI")),
                        new ShiftPattern("late", "14:00", "22:00", List.of("MON", "TUE", "WED", "THU", "FRI")),
                        new ShiftPattern("night", "22:00", "06:00", List.of("MON", "TUE", "WED", "THU", "SUN")),
                        new ShiftPattern("saturday", "08:00", "24:00", List.of("SAT"))))
                .setBreaks(List.of(new DailyBreak("09:00", "09:15"), new DailyBreak("23:45", "00:15")))
                .setHolidays(List.of("2026-12-24", "2026-12-25"))
                .setPlannedStops(List.of(new PlannedStop(Instant.parse("2026-11-26T09:00:00Z"),
                        Instant.parse("2026-11-26T11:00:00Z"), "PM-2026-48 press overhaul")))
                .setUpdatedAt(UPDATED);
    }

    @Test
    void shouldWriteBackTheRecordItWasReadFrom() {
        // Given a record with every kind of entry
        ShiftCalendar record = berlinPlant().build();

        // When read into a calendar and written again
        ShiftCalendar again = io.takt.oee.calendar.ShiftCalendar.of(record).toRecord("site1.assembly.line2", UPDATED);

        // Then nothing is lost or changed
        assertThat(again).isEqualTo(record);
    }

    @Test
    void shouldPlanWhatTheRecordSays() {
        // Given the Berlin record
        io.takt.oee.calendar.ShiftCalendar calendar = io.takt.oee.calendar.ShiftCalendar.of(berlinPlant().build());

        // When asked at 2026-11-26T10:00Z, a Thursday (Nov 1st is a Sunday: Oct 1st Thu + 31 days), 11:00 CET
        CalendarSpan span = calendar.spanAt(ms("2026-11-26T10:00:00Z"));

        // Then it is the maintenance inside the early shift 06:00-14:00 CET = 05:00Z-13:00Z
        assertThat(span).isEqualTo(new CalendarSpan(ms("2026-11-26T09:00:00Z"), ms("2026-11-26T11:00:00Z"),
                PlanKind.PLANNED_DOWN, new Shift("2026-11-26/early", "early", ms("2026-11-26T05:00:00Z"),
                ms("2026-11-26T13:00:00Z")), "PM-2026-48 press overhaul"));
        // and Saturday's 08:00-24:00 shift ends at local midnight, 23:00Z (Nov 28 is a Saturday)
        assertThat(calendar.shiftAt(ms("2026-11-28T22:59:00Z")).orElseThrow().end()).isEqualTo(
                ms("2026-11-28T23:00:00Z"));
    }

    @Test
    void shouldNameTheWrongFieldAndValue() {
        rejects(b -> b.setTimeZone("Mars/Olympus"), "timeZone", "'Mars/Olympus'");
        rejects(b -> b.getShifts().set(1, new ShiftPattern("late", "2pm", "22:00", List.of())),
                "shifts[1].localFrom", "'2pm'");
        rejects(b -> b.getShifts().set(0, new ShiftPattern("early", "06:00", "24:01", List.of())),
                "shifts[0].localTo", "'24:01'");
        rejects(b -> b.getShifts().set(0, new ShiftPattern("early", "06:00", "14:00", List.of("MON", "FRX"))),
                "shifts[0].days[1]", "'FRX'");
        rejects(b -> b.getShifts().set(0, new ShiftPattern(" ", "06:00", "14:00", List.of())),
                "shifts[0].name", "' '");
        rejects(b -> b.getBreaks().set(1, new DailyBreak("23:45", "0:15")), "breaks[1].localTo", "'0:15'");
        rejects(b -> b.setHolidays(List.of("2026-12-24", "2026-02-30")), "holidays[1]", "'2026-02-30'");
        rejects(b -> b.setPlannedStops(List.of(new PlannedStop(Instant.parse("2026-11-26T11:00:00Z"),
                        Instant.parse("2026-11-26T11:00:00Z"), null))),
                "plannedStops[0]", "end 2026-11-26T11:00:00Z is not after start 2026-11-26T11:00:00Z");
    }

    @Test
    void shouldRejectOverlappingShifts() {
        // Given a late shift until 22:00 and a night shift from 21:00 on Mondays
        ShiftCalendar record = berlinPlant().setShifts(List.of(
                new ShiftPattern("late", "14:00", "22:00", List.of("MON")),
                new ShiftPattern("night", "21:00", "06:00", List.of("MON")))).build();

        // When/Then reading it fails, naming both
        assertThatThrownBy(() -> io.takt.oee.calendar.ShiftCalendar.of(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shifts 'late' (14:00-22:00 starting MON) and 'night' (21:00-06:00 starting MON) overlap");
    }

    @Test
    void shouldFindOverlapsAcrossDaysAndTheWeekEnd() {
        // Given a Sunday night shift 22:00-06:00 (until Monday 06:00) and an early shift from 05:00
        // Then it overlaps a Monday early shift across the week's end ...
        assertThatThrownBy(() -> io.takt.oee.calendar.ShiftCalendar.of(berlinPlant().setShifts(List.of(
                new ShiftPattern("night", "22:00", "06:00", List.of("SUN")),
                new ShiftPattern("early", "05:00", "13:00", List.of("MON")))).build()))
                .hasMessageContaining("overlap");
        // ... but not a Tuesday one, nor the same shift name on other days
        io.takt.oee.calendar.ShiftCalendar.of(berlinPlant().setShifts(List.of(
                new ShiftPattern("night", "22:00", "06:00", List.of("SUN")),
                new ShiftPattern("early", "05:00", "13:00", List.of("TUE")),
                new ShiftPattern("early", "06:00", "14:00", List.of("WED")))).build());
        // and the same name twice on one day would give two shifts one id
        assertThatThrownBy(() -> io.takt.oee.calendar.ShiftCalendar.of(berlinPlant().setShifts(List.of(
                new ShiftPattern("x", "06:00", "08:00", List.of()),
                new ShiftPattern("x", "10:00", "12:00", List.of("FRI")))).build()))
                .hasMessageContaining("same name");
    }

    private static void rejects(Consumer<ShiftCalendar.Builder> breakIt, String field, String value) {
        ShiftCalendar.Builder builder = berlinPlant();
        builder.setShifts(new java.util.ArrayList<>(builder.getShifts()));
        builder.setBreaks(new java.util.ArrayList<>(builder.getBreaks()));
        breakIt.accept(builder);
        ShiftCalendar record = builder.build();
        assertThatThrownBy(() -> io.takt.oee.calendar.ShiftCalendar.of(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field + ": ")
                .hasMessageContaining(value);
    }
}
