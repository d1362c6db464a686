package io.takt.acquisition.simulator.plant;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that shapes a simulated plant. The same settings (seed and start included) give the
 * same run, event for event.
 *
 * @param seed                    seeds the one random generator every choice is drawn from
 * @param lines                   number of lines; every three consecutive lines form one flow
 *                                (raw → intermediate → intermediate → finished goods)
 * @param machinesPerLine         machines on each line, the last one inspecting
 * @param start                   simulated time at which the plant starts (machines Stopped)
 * @param calendar                planned breaks
 * @param randomStops             whether faults and micro-stops happen by chance (off for tests
 *                                that inject faults by hand)
 * @param faultChancePerCycle     chance a machine faults before a cycle
 * @param microStopChancePerCycle chance a machine micro-stops before a cycle
 * @param waitBeforeSuspend       how long a machine waits for a part or for room before it shows
 *                                Suspended (starved or blocked)
 * @param bufferCapacity          parts between two neighbouring machines
 * @param stockCapacity           completed lots that may wait between two lines
 * @param openingStockLots        intermediate lots waiting between lines at the start
 * @param rawLotSize              parts in a raw material lot
 * @param intermediateLotSize     parts in an intermediate lot
 * @param finishedLotSize         parts in a finished-goods lot
 * @param minOrderQuantity        smallest work order, in good parts
 * @param maxOrderQuantity        largest work order, in good parts
 * @param sixteenBitCounters      machine ids whose counters are 16-bit (roll over at 65535)
 */
public record PlantSettings(long seed, int lines, int machinesPerLine, Instant start, ShiftCalendar calendar,
                            boolean randomStops, double faultChancePerCycle, double microStopChancePerCycle,
                            Duration waitBeforeSuspend, int bufferCapacity, int stockCapacity,
                            int openingStockLots, int rawLotSize, int intermediateLotSize, int finishedLotSize,
                            int minOrderQuantity, int maxOrderQuantity, Set<String> sixteenBitCounters) {

    /** Upper bound on lines × machines per line. */
    public static final int MAX_MACHINES = 100_000;

    public PlantSettings {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(waitBeforeSuspend, "waitBeforeSuspend");
        sixteenBitCounters = Set.copyOf(sixteenBitCounters);
        require(lines >= 1, "lines", lines, "1 or more");
        require(machinesPerLine >= 1, "machinesPerLine", machinesPerLine, "1 or more");
        require((long) lines * machinesPerLine <= MAX_MACHINES, "lines × machinesPerLine",
                (long) lines * machinesPerLine, "at most " + MAX_MACHINES);
        require(faultChancePerCycle >= 0 && microStopChancePerCycle >= 0
                        && faultChancePerCycle + microStopChancePerCycle <= 1,
                "faultChancePerCycle + microStopChancePerCycle", faultChancePerCycle + microStopChancePerCycle,
                "chances in [0, 1]");
        require(!waitBeforeSuspend.isNegative(), "waitBeforeSuspend", waitBeforeSuspend, "0 or more");
        require(bufferCapacity >= 1, "bufferCapacity", bufferCapacity, "1 or more");
        require(stockCapacity >= 1, "stockCapacity", stockCapacity, "1 or more");
        require(openingStockLots >= 0 && openingStockLots <= stockCapacity, "openingStockLots", openingStockLots,
                "0 to stockCapacity");
        require(rawLotSize >= 1 && intermediateLotSize >= 1 && finishedLotSize >= 1, "lot sizes",
                rawLotSize + "/" + intermediateLotSize + "/" + finishedLotSize, "1 or more");
        require(minOrderQuantity >= 1 && maxOrderQuantity >= minOrderQuantity, "order quantities",
                minOrderQuantity + ".." + maxOrderQuantity, "1 <= min <= max");
    }

    /** 3 lines × 4 machines, seed 1, three-shift calendar in UTC, starting now (whole seconds). */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int machineCount() {
        return lines * machinesPerLine;
    }

    private static void require(boolean ok, String setting, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid plant setting " + setting + " = " + value
                    + ": expected " + allowed);
        }
    }

    /** Builds {@link PlantSettings}; every setting has a default. */
    public static final class Builder {
        private long seed = 1;
        private int lines = 3;
        private int machinesPerLine = 4;
        private Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private ShiftCalendar calendar = ShiftCalendar.threeShifts(ZoneOffset.UTC);
        private boolean randomStops = true;
        // A fault every ~4 h and a micro-stop every ~10 min of running at a 5 s cycle.
        private double faultChancePerCycle = 1.0 / 3_000;
        private double microStopChancePerCycle = 1.0 / 120;
        private Duration waitBeforeSuspend = Duration.ofSeconds(5);
        private int bufferCapacity = 8;
        private int stockCapacity = 3;
        private int openingStockLots = 2;
        private int rawLotSize = 500;
        private int intermediateLotSize = 100;
        private int finishedLotSize = 50;
        // Orders of 2 to 6 hours, so a line changes over about once a shift.
        private int minOrderQuantity = 1_500;
        private int maxOrderQuantity = 4_000;
        private Set<String> sixteenBitCounters = Set.of("Line1.Press1");

        private Builder() {
        }

        private Builder(PlantSettings s) {
            seed = s.seed;
            lines = s.lines;
            machinesPerLine = s.machinesPerLine;
            start = s.start;
            calendar = s.calendar;
            randomStops = s.randomStops;
            faultChancePerCycle = s.faultChancePerCycle;
            microStopChancePerCycle = s.microStopChancePerCycle;
            waitBeforeSuspend = s.waitBeforeSuspend;
            bufferCapacity = s.bufferCapacity;
            stockCapacity = s.stockCapacity;
            openingStockLots = s.openingStockLots;
            rawLotSize = s.rawLotSize;
            intermediateLotSize = s.intermediateLotSize;
            finishedLotSize = s.finishedLotSize;
            minOrderQuantity = s.minOrderQuantity;
            maxOrderQuantity = s.maxOrderQuantity;
            sixteenBitCounters = s.sixteenBitCounters;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder lines(int value) {
            lines = value;
            return this;
        }

        public Builder machinesPerLine(int value) {
            machinesPerLine = value;
            return this;
        }

        public Builder start(Instant value) {
            start = value;
            return this;
        }

        public Builder calendar(ShiftCalendar value) {
            calendar = value;
            return this;
        }

        public Builder randomStops(boolean value) {
            randomStops = value;
            return this;
        }

        public Builder faultChancePerCycle(double value) {
            faultChancePerCycle = value;
            return this;
        }

        public Builder microStopChancePerCycle(double value) {
            microStopChancePerCycle = value;
            return this;
        }

        public Builder waitBeforeSuspend(Duration value) {
            waitBeforeSuspend = value;
            return this;
        }

        public Builder bufferCapacity(int value) {
            bufferCapacity = value;
            return this;
        }

        public Builder stockCapacity(int value) {
            stockCapacity = value;
            return this;
        }

        public Builder openingStockLots(int value) {
            openingStockLots = value;
            return this;
        }

        public Builder lotSizes(int raw, int intermediate, int finished) {
            rawLotSize = raw;
            intermediateLotSize = intermediate;
            finishedLotSize = finished;
            return this;
        }

        public Builder orderQuantity(int min, int max) {
            minOrderQuantity = min;
            maxOrderQuantity = max;
            return this;
        }

        public Builder sixteenBitCounters(Set<String> machineIds) {
            sixteenBitCounters = machineIds;
            return this;
        }

        public PlantSettings build() {
            return new PlantSettings(seed, lines, machinesPerLine, start, calendar, randomStops,
                    faultChancePerCycle, microStopChancePerCycle, waitBeforeSuspend, bufferCapacity,
                    stockCapacity, openingStockLots, rawLotSize, intermediateLotSize, finishedLotSize,
                    minOrderQuantity, maxOrderQuantity, sixteenBitCounters);
        }
    }
}
