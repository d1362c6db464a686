package io.takt.oee.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.takt.oee.OeeStores;
import io.takt.oee.calendar.CalendarSpan;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MachineState;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityDisposition;
import io.takt.schemas.QualityResult;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WorkOrder;

/**
 * OEE recomputed in one pass from all raw events, following streams-oee's README ("How time is
 * accounted") and nothing else: sort a machine's events by time, build its intervals, walk them
 * with the calendar and add each piece to its windows. Every window comes out, FINAL when the
 * machine's clock is at least its end plus grace + minor-stop threshold, else SO_FAR (its
 * figures then cover only up to the clock, and are not meant to be compared).
 */
public final class BatchOee {

    static final String UNKNOWN_PRODUCT = "unknown";
    private static final WindowKind[] CLOCK_WINDOWS = {WindowKind.MINUTE, WindowKind.HOUR, WindowKind.DAY};

    private final OeeRules rules;
    private final WorkOrderHistory orders;
    private final Function<EquipmentRef, PlannedTime> calendars;

    /**
     * @param calendars the planned time of a machine's line (given null when the machine's place is unknown)
     */
    public BatchOee(OeeRules rules, WorkOrderHistory orders, Function<EquipmentRef, PlannedTime> calendars) {
        this.rules = rules;
        this.orders = orders;
        this.calendars = calendars;
    }

    /** Every window of every machine, and the line, area and site roll-ups, by {@link OeeStores#kpiKey}. */
    public Map<String, OeeKpi> windows(List<MachineEvents> machines) {
        Map<String, OeeKpi> all = new LinkedHashMap<>();
        RollUps rollUps = new RollUps();
        Instant now = Instant.now();
        for (MachineEvents machine : machines) {
            Map<String, WindowTally> tallies = tallies(machine);
            tallies.values().forEach(t -> all.put(OeeStores.kpiKey(machine.equipmentId(), t.kind, t.start),
                    KpiFigures.toKpi(machine.equipmentId(), EquipmentLevel.MACHINE, t, rules.minorStopPolicy(), now)));
            rollUps.add(machine.equipment(), tallies.values());
        }
        rollUps.forEach((id, level, t) -> all.put(OeeStores.kpiKey(id, t.kind, t.start),
                KpiFigures.toKpi(id, level, t, rules.minorStopPolicy(), now)));
        return all;
    }

    /** The windows of one machine, by key. */
    Map<String, WindowTally> tallies(MachineEvents machine) {
        long clock = machine.clock();
        Windows windows = new Windows(machine.equipmentId(), calendars.apply(machine.equipment()));
        for (StateInterval interval : StateTimeline.intervals(machine.states(), clock)) {
            account(interval, windows);
        }
        machine.counts().forEach(count -> addCount(machine.equipmentId(), count, windows));
        machine.qualityResults().forEach(result -> addQuality(machine.equipmentId(), result, windows));
        long margin = rules.finalityMarginMillis();
        windows.all().forEach(w -> w.complete = w.end + margin <= clock);
        return windows.byKey;
    }

    private void account(StateInterval interval, Windows windows) {
        WindowTally.Stop stop = stopOf(interval);
        windows.holding(interval.start()).forEach(w -> w.countStop(stop));
        long t = interval.start();
        while (t < interval.end()) {
            CalendarSpan span = windows.plan.spanAt(t);
            List<WindowTally> holding = windows.holding(t, span);
            long pieceEnd = Math.min(interval.end(), span.end());
            for (WindowTally window : holding) {
                pieceEnd = Math.min(pieceEnd, window.end);
            }
            for (WindowTally window : holding) {
                window.addTime(span.kind(), interval.state(), stop, pieceEnd - t, rules.minorStopPolicy());
            }
            t = pieceEnd;
        }
    }

    private WindowTally.Stop stopOf(StateInterval interval) {
        if (interval.state() != MachineState.FAULT && interval.state() != MachineState.MINOR_STOP) {
            return WindowTally.Stop.NONE;
        }
        // Judged on the whole interval. The open one is at least clock - start long, which for any
        // FINAL window holding its start is already past the threshold.
        return interval.length() < rules.minorStopThreshold().toMillis()
                ? WindowTally.Stop.MINOR : WindowTally.Stop.FAILURE;
    }

    private void addCount(String machine, ProductionCount count, Windows windows) {
        long t = count.getSourceTimestamp().toEpochMilli();
        Optional<WorkOrder> running = orders.runningAt(machine, t);
        String product = count.getProductId() != null ? count.getProductId()
                : running.map(WorkOrder::getProductId).orElse(UNKNOWN_PRODUCT);
        String order = count.getWorkOrderId() != null ? count.getWorkOrderId()
                : running.map(WorkOrder::getWorkOrderId).orElse(null);
        double pru = idealCycleTime(machine, product, order, t);
        windows.holding(t).forEach(w -> w.addCount(count.getGoodQuantity(), count.getScrapQuantity(),
                count.getReworkQuantity(), pru));
    }

    private void addQuality(String machine, QualityResult result, Windows windows) {
        QualityDisposition disposition = result.getDisposition();
        if (result.getVerdict() != InspectionResult.FAIL
                || disposition != null && disposition != QualityDisposition.SCRAP
                && disposition != QualityDisposition.REWORK) {
            return; // PASS, UNKNOWN, USE_AS_IS (and an unknown disposition) change nothing
        }
        long t = result.getSourceTimestamp().toEpochMilli();
        Optional<WorkOrder> running = orders.runningAt(machine, t);
        String product = running.map(WorkOrder::getProductId).orElse(UNKNOWN_PRODUCT);
        double pru = idealCycleTime(machine, product, running.map(WorkOrder::getWorkOrderId).orElse(null), t);
        boolean toRework = disposition == QualityDisposition.REWORK;
        windows.holding(t).forEach(w -> w.moveFromGood(result.getQuantity(), toRework, pru));
    }

    /** PRU: the order's routing entry for (machine, product), else the machine's configured one, else the default. */
    double idealCycleTime(String machine, String product, String workOrderId, long t) {
        if (workOrderId != null) {
            Optional<Double> fromOrder = orders.asOf(workOrderId, t).stream()
                    .flatMap(o -> o.getIdealCycleTimes().stream())
                    .filter(c -> machine.equals(c.getEquipmentId()) && product.equals(c.getProductId()))
                    .map(c -> c.getMillisPerUnit())
                    .findFirst();
            if (fromOrder.isPresent()) {
                return fromOrder.get();
            }
        }
        return rules.idealCycleTimes().getOrDefault(machine, rules.defaultIdealCycleTime());
    }

    /** The windows of one machine, created when first touched. */
    private static final class Windows {

        private final String equipmentId;
        private final PlannedTime plan;
        private final WindowGrid grid;
        private final Map<String, WindowTally> byKey = new LinkedHashMap<>();

        Windows(String equipmentId, PlannedTime plan) {
            this.equipmentId = equipmentId;
            this.plan = plan;
            this.grid = new WindowGrid(plan.zone());
        }

        List<WindowTally> holding(long t) {
            return holding(t, plan.spanAt(t));
        }

        /** The minute, hour and day windows holding t, and its shift's window when it is in one. */
        List<WindowTally> holding(long t, CalendarSpan span) {
            List<WindowTally> holding = new ArrayList<>(4);
            for (WindowKind kind : CLOCK_WINDOWS) {
                long[] window = grid.window(kind, t);
                holding.add(window(kind, window[0], window[1], null));
            }
            if (span.shift() != null) {
                holding.add(window(WindowKind.SHIFT, span.shift().start(), span.shift().end(), span.shift().id()));
            }
            return holding;
        }

        private WindowTally window(WindowKind kind, long start, long end, String shiftId) {
            return byKey.computeIfAbsent(OeeStores.kpiKey(equipmentId, kind, start),
                    k -> new WindowTally(kind, start, end, shiftId));
        }

        Iterable<WindowTally> all() {
            return byKey.values();
        }
    }
}
