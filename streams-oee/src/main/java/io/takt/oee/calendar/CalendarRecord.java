package io.takt.oee.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.takt.schemas.ShiftCalendar.Builder;

/**
 * Reads and writes the {@code io.takt.schemas.ShiftCalendar} record of the shift-calendar topic.
 * Reading checks every field and names the one that is wrong, e.g. {@code shifts[1].localFrom},
 * since the record comes from a planner's tool, not from Takt.
 */
final class CalendarRecord {

    private CalendarRecord() {
    }

    static ShiftCalendar read(io.takt.schemas.ShiftCalendar record) {
        ZoneId zone = field("timeZone", () -> CalendarText.zone(record.getTimeZone()));
        List<ShiftPattern> shifts = new ArrayList<>();
        List<io.takt.schemas.ShiftPattern> shiftRecords = orEmpty(record.getShifts());
        for (int i = 0; i < shiftRecords.size(); i++) {
            shifts.add(shift("shifts[" + i + "]", shiftRecords.get(i)));
        }
        List<DailyBreak> breaks = new ArrayList<>();
        List<io.takt.schemas.DailyBreak> breakRecords = orEmpty(record.getBreaks());
        for (int i = 0; i < breakRecords.size(); i++) {
            breaks.add(pause("breaks[" + i + "]", breakRecords.get(i)));
        }
        List<LocalDate> holidays = new ArrayList<>();
        List<String> holidayTexts = orEmpty(record.getHolidays());
        for (int i = 0; i < holidayTexts.size(); i++) {
            String text = holidayTexts.get(i);
            holidays.add(field("holidays[" + i + "]", () -> CalendarText.date(text)));
        }
        List<PlannedStop> stops = new ArrayList<>();
        List<io.takt.schemas.PlannedStop> stopRecords = orEmpty(record.getPlannedStops());
        for (int i = 0; i < stopRecords.size(); i++) {
            io.takt.schemas.PlannedStop s = stopRecords.get(i);
            stops.add(field("plannedStops[" + i + "]", () -> new PlannedStop(s.getStart(), s.getEnd(), s.getReason())));
        }
        return ShiftCalendar.of(zone, shifts, breaks, holidays, stops);
    }

    static io.takt.schemas.ShiftCalendar write(ShiftCalendar calendar, String scope, Instant updatedAt) {
        Builder record = io.takt.schemas.ShiftCalendar.newBuilder()
                .setScope(scope)
                .setTimeZone(calendar.zone().getId())
                .setShifts(calendar.shifts().stream().map(CalendarRecord::shiftRecord).toList())
                .setBreaks(calendar.breaks().stream().map(b -> new io.takt.schemas.DailyBreak(
                        CalendarText.startTime(b.from()), CalendarText.endTime(b.to()))).toList())
                .setHolidays(calendar.holidays().stream().map(LocalDate::toString).toList())
                .setPlannedStops(calendar.plannedStops().stream().map(s -> new io.takt.schemas.PlannedStop(
                        s.start(), s.end(), s.reason())).toList())
                .setUpdatedAt(updatedAt);
        return record.build();
    }

    private static ShiftPattern shift(String path, io.takt.schemas.ShiftPattern record) {
        var from = field(path + ".localFrom", () -> CalendarText.startTime(record.getLocalFrom()));
        var to = field(path + ".localTo", () -> CalendarText.endTime(record.getLocalTo()));
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<String> dayTexts = orEmpty(record.getDays());
        for (int j = 0; j < dayTexts.size(); j++) {
            String text = dayTexts.get(j);
            days.add(field(path + ".days[" + j + "]", () -> CalendarText.weekday(text)));
        }
        return field(path + ".name", () -> new ShiftPattern(record.getName(), from, to, days));
    }

    private static DailyBreak pause(String path, io.takt.schemas.DailyBreak record) {
        var from = field(path + ".localFrom", () -> CalendarText.startTime(record.getLocalFrom()));
        var to = field(path + ".localTo", () -> CalendarText.endTime(record.getLocalTo()));
        return new DailyBreak(from, to);
    }

    private static io.takt.schemas.ShiftPattern shiftRecord(ShiftPattern shift) {
        return new io.takt.schemas.ShiftPattern(shift.name(), CalendarText.startTime(shift.from()),
                CalendarText.endTime(shift.to()), shift.days().stream().map(CalendarText::weekday).toList());
    }

    /** The value, or the parser's complaint prefixed with the field it is about. */
    private static <T> T field(String path, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
