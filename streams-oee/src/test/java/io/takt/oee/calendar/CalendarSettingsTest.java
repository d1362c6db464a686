package io.takt.oee.calendar;

import static io.takt.oee.calendar.ShiftCalendarTest.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import io.takt.oee.OeeSettings;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import org.junit.jupiter.api.Test;

class CalendarSettingsTest {

    private static TaktConfig validate(Map<String, String> settings) {
        return OeeSettings.DEFINITION.validate(ConfigSources.builder().overrides(settings).build());
    }

    @Test
    void shouldDefaultToRoundTheClockInUtc() {
        // Given no calendar settings
        TaktConfig config = OeeSettings.DEFINITION.validate(ConfigSources.none());

        // When the default calendar is built
        ShiftCalendar calendar = CalendarSettings.calendar(config);

        // Then it is one shift "day" 00:00-24:00 UTC every day
        assertThat(calendar).isEqualTo(ShiftCalendar.roundTheClock(ZoneOffset.UTC));
        assertThat(CalendarSettings.SHIFTS.type().format(config.get(CalendarSettings.SHIFTS)))
                .isEqualTo("day=00:00-24:00");
    }

    @Test
    void shouldBuildTheCalendarTheKeysDescribe() {
        // Given a two-shift week in Berlin with a lunch break, Christmas Eve off and a maintenance
        TaktConfig config = validate(Map.of(
                "oee.calendar.time-zone", "Europe/Berlin",
                "oee.calendar.shifts", "early=06:00-14:00@MON-FRI, late=14:00-22:00@MON+TUE+WED+THU+FRI",
                "oee.calendar.breaks", "12:00-12:30",
                "oee.calendar.holidays", "2026-12-24",
                "oee.calendar.planned-stops", "PM-48 press overhaul=2026-11-26T10:00/2026-11-26T12:00,"
                        + "2026-11-27T13:00/2026-11-27T15:00"));

        // When the calendar is built
        ShiftCalendar calendar = CalendarSettings.calendar(config);

        // Then local times are in CET (UTC+1) in November: the stop 10:00-12:00 is 09:00Z-11:00Z
        // inside Thursday's early shift 06:00-14:00 = 05:00Z-13:00Z
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        Shift early26 = new Shift("2026-11-26/early", "early", ms("2026-11-26T05:00:00Z"), ms("2026-11-26T13:00:00Z"));
        assertThat(calendar.spanAt(ms("2026-11-26T09:30:00Z"))).isEqualTo(new CalendarSpan(
                ms("2026-11-26T09:00:00Z"), ms("2026-11-26T11:00:00Z"), PlanKind.PLANNED_DOWN, early26,
                "PM-48 press overhaul"));
        // the break 12:00-12:30 CET = 11:00Z-11:30Z follows right after it
        assertThat(calendar.spanAt(ms("2026-11-26T11:00:00Z")).plannedStopReason()).isEqualTo("break");
        // the stop without reason on Friday 13:00-15:00 CET = 12:00Z-14:00Z is planned down in both shifts
        assertThat(calendar.spanAt(ms("2026-11-27T12:30:00Z")).plannedStopReason()).isEqualTo("planned stop");
        assertThat(calendar.spanAt(ms("2026-11-27T13:30:00Z")).shift().id()).isEqualTo("2026-11-27/late");
        // Saturday 2026-11-28 is not planned, nor is Thursday 2026-12-24
        assertThat(calendar.spanAt(ms("2026-11-28T10:00:00Z")).kind()).isEqualTo(PlanKind.UNPLANNED);
        assertThat(calendar.spanAt(ms("2026-12-24T10:00:00Z")).kind()).isEqualTo(PlanKind.UNPLANNED);
        assertThat(calendar.spanAt(ms("2026-12-23T10:00:00Z")).kind()).isEqualTo(PlanKind.PLANNED_BUSY);
    }

    @Test
    void shouldWriteTheShiftsBackInTheNotationItReads() {
        // Given shifts with weekday ranges, a wrapping range and a '+' list
        String text = "early=06:00-14:00@MON-FRI,weekend=08:00-12:00@SAT+SUN,night=22:00-06:00@SUN-THU";

        // When parsed and formatted
        String again = CalendarSettings.SHIFTS_TYPE.format(CalendarSettings.SHIFTS_TYPE.parse(text));

        // Then SUN-THU is MON, TUE, WED, THU and SUN, written in MON..SUN order
        assertThat(again).isEqualTo("early=06:00-14:00@MON-FRI,weekend=08:00-12:00@SAT+SUN,night=22:00-06:00@MON-THU+SUN");
    }

    @Test
    void shouldFailStartUpOnOverlappingShiftsNamingTheKey() {
        // Given a late shift until 22:00 and a night shift from 21:30
        Map<String, String> settings = Map.of("oee.calendar.shifts", "late=14:00-22:00,night=21:30-06:00@FRI");

        // When/Then validation fails with one problem that names the key and the two shifts
        assertThatThrownBy(() -> validate(settings))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
                        .startsWith("Invalid value 'late=14:00-22:00,night=21:30-06:00@FRI' for 'oee.calendar.shifts'")
                        .endsWith("(shifts 'late' (14:00-22:00 starting FRI) and 'night' (21:30-06:00 starting FRI)"
                                + " overlap)"));
    }

    @Test
    void shouldExplainBadValuesNamingTheKey() {
        assertThatThrownBy(() -> validate(Map.of("oee.calendar.shifts", "early=06:00-14:00@MON,WED")))
                .hasMessageContaining("'oee.calendar.shifts'")
                .hasMessageContaining("'WED': not a shift name=HH:mm-HH:mm[@DAYS]; join the weekdays of one "
                        + "shift with '+' (MON+WED), not ','");
        assertThatThrownBy(() -> validate(Map.of("oee.calendar.time-zone", "Mars/Olympus")))
                .hasMessageContaining("'oee.calendar.time-zone'")
                .hasMessageContaining("'Mars/Olympus' is not a time zone");
        assertThatThrownBy(() -> validate(Map.of("oee.calendar.breaks", "12:00-12:75")))
                .hasMessageContaining("'oee.calendar.breaks'")
                .hasMessageContaining("'12:00-12:75': '12:75' is not a time of day");
        assertThatThrownBy(() -> validate(Map.of("oee.calendar.holidays", "2026-12-24,24.12.2026")))
                .hasMessageContaining("'oee.calendar.holidays'")
                .hasMessageContaining("'24.12.2026' is not a date yyyy-MM-dd");
        assertThatThrownBy(() -> validate(Map.of("oee.calendar.planned-stops", "2026-11-26T12:00/2026-11-26T10:00")))
                .hasMessageContaining("'oee.calendar.planned-stops'")
                .hasMessageContaining("end 2026-11-26T10:00 is not after start 2026-11-26T12:00");
    }

    @Test
    void shouldReportEveryBadCalendarKeyAtOnce() {
        // Given a bad zone and bad shifts together
        Map<String, String> settings = Map.of("oee.calendar.time-zone", "CET+1", "oee.calendar.shifts", "");

        // When/Then both are reported
        assertThatThrownBy(() -> validate(settings)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2));
    }

    @Test
    void shouldRejectAPlannedStopThatTheSpringGapTurnsAround() {
        // Given a stop 02:30-03:00 local on 29 March in Berlin: 02:30 does not exist and moves to 03:30 CEST,
        // after its end 03:00 CEST
        TaktConfig config = validate(Map.of("oee.calendar.time-zone", "Europe/Berlin",
                "oee.calendar.planned-stops", "2026-03-29T02:30/2026-03-29T03:00"));

        // When/Then building the calendar fails naming the key
        assertThatThrownBy(() -> CalendarSettings.calendar(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'oee.calendar.planned-stops'")
                .hasMessageContaining("Europe/Berlin");
    }
}
