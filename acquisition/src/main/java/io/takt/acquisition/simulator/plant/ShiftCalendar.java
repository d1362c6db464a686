package io.takt.acquisition.simulator.plant;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plant's planned breaks: the same windows every day, in the plant's time zone. Every machine
 * stops for a break (finishing the part in hand first) and restarts when it ends.
 */
public final class ShiftCalendar {

    /** A daily break starting at {@code start} local time, lasting {@code length} (under a day). */
    public record BreakWindow(LocalTime start, Duration length) {
        public BreakWindow {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(length, "length");
            if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofHours(24)) >= 0) {
                throw new IllegalArgumentException("A break lasts more than 0 and less than 24 hours: " + length);
            }
        }
    }

    /** A planned break on one day: from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Break(Instant start, Instant end) {
    }

    private final ZoneId zone;
    private final List<BreakWindow> windows;

    private ShiftCalendar(ZoneId zone, List<BreakWindow> windows) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.windows = List.copyOf(windows);
    }

    public static ShiftCalendar of(ZoneId zone, List<BreakWindow> windows) {
        return new ShiftCalendar(zone, windows);
    }

    /** No breaks at all: machines run around the clock. */
    public static ShiftCalendar none() {
        return new ShiftCalendar(ZoneOffset.UTC, List.of());
    }

    /**
     * Three 8-hour shifts (06–14, 14–22, 22–06) each with a 10-minute break after two hours and a
     * 30-minute meal break after four: 08:00, 10:00, 16:00, 18:00, 00:00 and 02:00.
     */
    public static ShiftCalendar threeShifts(ZoneId zone) {
        Duration shortBreak = Duration.ofMinutes(10);
        Duration mealBreak = Duration.ofMinutes(30);
        return new ShiftCalendar(zone, List.of(
                new BreakWindow(LocalTime.of(0, 0), shortBreak),
                new BreakWindow(LocalTime.of(2, 0), mealBreak),
                new BreakWindow(LocalTime.of(8, 0), shortBreak),
                new BreakWindow(LocalTime.of(10, 0), mealBreak),
                new BreakWindow(LocalTime.of(16, 0), shortBreak),
                new BreakWindow(LocalTime.of(18, 0), mealBreak)));
    }

    public ZoneId zone() {
        return zone;
    }

    public List<BreakWindow> windows() {
        return windows;
    }

    /** The break going on at {@code time}, if any. */
    public Optional<Break> breakAt(Instant time) {
        LocalDate day = time.atZone(zone).toLocalDate();
        // A window that started yesterday may still run past midnight.
        for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
            for (BreakWindow window : windows) {
                Break b = occurrence(d, window);
                if (!time.isBefore(b.start()) && time.isBefore(b.end())) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }

    /** The first break that starts strictly after {@code time}; empty when there are no breaks. */
    public Optional<Break> nextBreakAfter(Instant time) {
        LocalDate day = time.atZone(zone).toLocalDate();
        return day.datesUntil(day.plusDays(3))
                .flatMap(d -> windows.stream().map(w -> occurrence(d, w)))
                .filter(b -> b.start().isAfter(time))
                .min(Comparator.comparing(Break::start));
    }

    private Break occurrence(LocalDate day, BreakWindow window) {
        Instant start = day.atTime(window.start()).atZone(zone).toInstant();
        return new Break(start, start.plus(window.length()));
    }

    @Override
    public String toString() {
        return "ShiftCalendar" + windows + " in " + zone;
    }
}
