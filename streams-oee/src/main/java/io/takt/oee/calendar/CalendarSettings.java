package io.takt.oee.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.TaktConfig;

/**
 * The default shift calendar from config ({@code oee.calendar.*}): used for every line that has no
 * calendar of its own (or of its site) on the shift-calendar topic.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class CalendarSettings {

    public static final ConfigType<ZoneId> ZONE_TYPE = ConfigType.of("time zone",
            "an IANA time zone such as Europe/Berlin, or UTC", ZoneId.class, CalendarText::zone, ZoneId::getId);
    public static final ConfigType<List<ShiftPattern>> SHIFTS_TYPE = ConfigType.of("shifts",
            "shifts such as early=06:00-14:00@MON-FRI,late=14:00-22:00@MON-FRI that do not overlap",
            (Class) List.class, CalendarNotation::shifts, CalendarNotation::shifts);
    public static final ConfigType<List<DailyBreak>> BREAKS_TYPE = ConfigType.of("breaks",
            "daily breaks such as 09:00-09:15,12:00-12:30", (Class) List.class, CalendarNotation::breaks,
            CalendarNotation::breaks);
    public static final ConfigType<List<LocalDate>> HOLIDAYS_TYPE = ConfigType.of("dates",
            "local dates such as 2026-12-25,2026-12-26", (Class) List.class, CalendarNotation::holidays,
            CalendarNotation::holidays);
    public static final ConfigType<List<LocalPlannedStop>> PLANNED_STOPS_TYPE = ConfigType.of("planned stops",
            "planned stops such as PM-48 press overhaul=2026-11-26T10:00/2026-11-26T12:00 (reason= optional)",
            (Class) List.class, CalendarNotation::plannedStops, CalendarNotation::plannedStops);

    public static final ConfigKey<ZoneId> TIME_ZONE = ConfigKey.of("oee.calendar.time-zone", ZONE_TYPE)
            .withDefault(ZoneOffset.UTC)
            .withDoc("Time zone of the default calendar's local times and dates; day and hour windows are cut "
                    + "at its local midnight and full hours.");
    public static final ConfigKey<List<ShiftPattern>> SHIFTS = ConfigKey.of("oee.calendar.shifts", SHIFTS_TYPE)
            .withDefault(List.of(ShiftPattern.daily("day", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)))
            .withDoc("Shifts of the default calendar as name=HH:mm-HH:mm[@DAYS], DAYS like MON-FRI or MON+WED "
                    + "(none: every day); an end at or before the start is the next day. Time outside every "
                    + "shift is not planned.");
    public static final ConfigKey<List<DailyBreak>> BREAKS = ConfigKey.of("oee.calendar.breaks", BREAKS_TYPE)
            .withDefault(List.of())
            .withDoc("Daily breaks as HH:mm-HH:mm, planned down time where inside a shift.");
    public static final ConfigKey<List<LocalDate>> HOLIDAYS = ConfigKey.of("oee.calendar.holidays", HOLIDAYS_TYPE)
            .withDefault(List.of())
            .withDoc("Local dates (yyyy-MM-dd) on which no shift starts; a night shift begun the day before "
                    + "still ends as planned.");
    public static final ConfigKey<List<LocalPlannedStop>> PLANNED_STOPS =
            ConfigKey.of("oee.calendar.planned-stops", PLANNED_STOPS_TYPE)
                    .withDefault(List.of())
                    .withDoc("One-off planned stops as [reason=]yyyy-MM-ddTHH:mm/yyyy-MM-ddTHH:mm in local time, "
                            + "planned down time where inside a shift.");

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(TIME_ZONE, SHIFTS, BREAKS, HOLIDAYS, PLANNED_STOPS)
            .build();

    private CalendarSettings() {
    }

    /** The default calendar a validated config describes. */
    public static ShiftCalendar calendar(TaktConfig config) {
        ZoneId zone = config.get(TIME_ZONE);
        List<PlannedStop> stops;
        try {
            stops = config.get(PLANNED_STOPS).stream().map(stop -> stop.in(zone)).toList();
        } catch (IllegalArgumentException e) {
            // Only the zone turns local times into instants; in a DST gap an end may fall before its start.
            throw new ConfigException(List.of("Invalid value for '" + PLANNED_STOPS.name() + "' in time zone "
                    + zone + ": " + e.getMessage()));
        }
        return ShiftCalendar.of(zone, config.get(SHIFTS), config.get(BREAKS), config.get(HOLIDAYS), stops);
    }
}
