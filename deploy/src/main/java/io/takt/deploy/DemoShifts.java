package io.takt.deploy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.takt.acquisition.simulator.plant.ShiftCalendar;
import io.takt.acquisition.simulator.plant.ShiftCalendar.BreakWindow;

/**
 * The demo plant's shift plan, laid from the hour the demo starts (UTC): three 8-hour shifts A, B and
 * C, each with a 10-minute break two hours in and a 30-minute meal break four hours in, the
 * simulator's usual pattern. With a fixed plan a demo started at 10:05 would meet a plant standing in
 * its meal break for 25 minutes; laid from the start, the first break is always one to two hours away.
 * The simulator and the OEE app are given the same plan, so planned stops are not counted as losses.
 */
record DemoShifts(LocalTime firstShift) {

    private static final Duration SHIFT = Duration.ofHours(8);
    private static final Duration SHORT_BREAK = Duration.ofMinutes(10);
    private static final Duration MEAL_BREAK = Duration.ofMinutes(30);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final List<String> NAMES = List.of("A", "B", "C");

    /** The plan whose first shift begins at the whole hour of {@code start}. */
    static DemoShifts startingAt(Instant start) {
        return new DemoShifts(LocalTime.ofInstant(start, ZoneOffset.UTC).withMinute(0).withSecond(0).withNano(0));
    }

    /** The breaks, for the simulated plant. */
    ShiftCalendar calendar() {
        List<BreakWindow> windows = new ArrayList<>();
        for (LocalTime shift : shiftStarts()) {
            windows.add(new BreakWindow(shift.plusHours(2), SHORT_BREAK));
            windows.add(new BreakWindow(shift.plusHours(4), MEAL_BREAK));
        }
        return ShiftCalendar.of(ZoneOffset.UTC, windows);
    }

    /** The shifts in the OEE app's notation ({@code oee.calendar.shifts}), e.g. {@code A=10:00-18:00,...}. */
    String oeeShifts() {
        List<String> shifts = new ArrayList<>();
        List<LocalTime> starts = shiftStarts();
        for (int k = 0; k < starts.size(); k++) {
            shifts.add(NAMES.get(k) + "=" + span(starts.get(k), SHIFT));
        }
        return String.join(",", shifts);
    }

    /** The breaks in the OEE app's notation ({@code oee.calendar.breaks}), e.g. {@code 12:00-12:10,...}. */
    String oeeBreaks() {
        List<String> breaks = new ArrayList<>();
        calendar().windows().forEach(window -> breaks.add(span(window.start(), window.length())));
        return String.join(",", breaks);
    }

    private List<LocalTime> shiftStarts() {
        return List.of(firstShift, firstShift.plus(SHIFT), firstShift.plus(SHIFT.multipliedBy(2)));
    }

    private static String span(LocalTime start, Duration length) {
        return HH_MM.format(start) + "-" + HH_MM.format(start.plus(length));
    }
}
