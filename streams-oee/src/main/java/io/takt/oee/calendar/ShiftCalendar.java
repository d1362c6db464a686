package io.takt.oee.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * When a site or line is planned to work, in one time zone: shift patterns per weekday, daily
 * breaks, holidays and one-off planned stops. Immutable and thread-safe; answers are cached per
 * local day, since the OEE topology asks once per accounted interval piece.
 */
public final class ShiftCalendar {

    private static final long DAY_MILLIS = 86_400_000L;
    // Direct-mapped by local epoch day: a run of consecutive days never evicts itself.
    private static final int CACHED_DAYS = 64;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final List<ShiftPattern> shifts;
    private final List<DailyBreak> breaks;
    private final List<LocalDate> holidays;
    private final Set<LocalDate> holidaySet;
    private final List<PlannedStop> plannedStops;
    private final AtomicReferenceArray<DayPlan> dayPlans = new AtomicReferenceArray<>(CACHED_DAYS);
    // The plan last asked for: most lookups fall in it, and it needs no zone arithmetic.
    private volatile DayPlan recent;

    private ShiftCalendar(ZoneId zone, List<ShiftPattern> shifts, List<DailyBreak> breaks, List<LocalDate> holidays,
                          List<PlannedStop> plannedStops) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
        this.shifts = List.copyOf(shifts);
        this.breaks = List.copyOf(breaks);
        this.holidays = List.copyOf(new LinkedHashSet<>(holidays));
        this.holidaySet = Set.copyOf(holidays);
        this.plannedStops = List.copyOf(plannedStops);
    }

    /** One shift named {@code day} from 00:00 to 24:00 every day, no breaks: everything planned busy. */
    public static ShiftCalendar roundTheClock(ZoneId zone) {
        return of(zone, List.of(ShiftPattern.daily("day", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)), List.of(),
                List.of(), List.of());
    }

    /**
     * A calendar from its parts.
     *
     * @throws IllegalArgumentException if two shifts overlap, or share a name and a start day
     */
    public static ShiftCalendar of(ZoneId zone, List<ShiftPattern> shifts, List<DailyBreak> breaks,
                                   List<LocalDate> holidays, List<PlannedStop> plannedStops) {
        ShiftWeek.requireNoOverlap(shifts);
        return new ShiftCalendar(zone, shifts, breaks, holidays, plannedStops);
    }

    /**
     * The calendar a {@code ShiftCalendar} record describes.
     *
     * @throws IllegalArgumentException naming the field that is wrong (bad zone, time, weekday,
     *                                  date, overlapping shifts, a planned stop ending before it starts)
     */
    public static ShiftCalendar of(io.takt.schemas.ShiftCalendar record) {
        return CalendarRecord.read(record);
    }

    /** This calendar as a record of the given scope, e.g. to publish it on the shift-calendar topic. */
    public io.takt.schemas.ShiftCalendar toRecord(String scope, Instant updatedAt) {
        return CalendarRecord.write(this, scope, updatedAt);
    }

    /** The zone local times, dates, hours and days are in. */
    public ZoneId zone() {
        return zone;
    }

    public List<ShiftPattern> shifts() {
        return shifts;
    }

    public List<DailyBreak> breaks() {
        return breaks;
    }

    /** Local dates on which no shift starts, in the order given. */
    public List<LocalDate> holidays() {
        return holidays;
    }

    public List<PlannedStop> plannedStops() {
        return plannedStops;
    }

    /** Whether no shift starts on that local date. */
    public boolean isHoliday(LocalDate date) {
        return holidaySet.contains(date);
    }

    /** The span containing {@code epochMillis}. */
    public CalendarSpan spanAt(long epochMillis) {
        DayPlan plan = recent;
        if (plan == null || !plan.holds(epochMillis)) {
            plan = dayPlan(localEpochDay(epochMillis));
            recent = plan;
        }
        return plan.spanAt(epochMillis);
    }

    /** The shift going on at {@code epochMillis}, if any (also on a break inside it). */
    public Optional<Shift> shiftAt(long epochMillis) {
        return Optional.ofNullable(spanAt(epochMillis).shift());
    }

    private DayPlan dayPlan(long epochDay) {
        int slot = (int) Math.floorMod(epochDay, (long) CACHED_DAYS);
        DayPlan cached = dayPlans.get(slot);
        if (cached != null && cached.epochDay() == epochDay) {
            return cached;
        }
        // Two threads may build the same day at once; both results are equal, either may stay.
        DayPlan built = DayPlan.of(LocalDate.ofEpochDay(epochDay), this);
        dayPlans.set(slot, built);
        return built;
    }

    private long localEpochDay(long epochMillis) {
        int offsetSeconds = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds()
                : rules.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds();
        return Math.floorDiv(epochMillis + offsetSeconds * 1000L, DAY_MILLIS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShiftCalendar other && zone.equals(other.zone) && shifts.equals(other.shifts)
                && breaks.equals(other.breaks) && holidays.equals(other.holidays)
                && plannedStops.equals(other.plannedStops);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, shifts, breaks, holidays, plannedStops);
    }

    @Override
    public String toString() {
        return "ShiftCalendar[" + zone + ", " + shifts.size() + " shifts, " + breaks.size() + " breaks, "
                + holidays.size() + " holidays, " + plannedStops.size() + " planned stops]";
    }
}
