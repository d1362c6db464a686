package io.takt.oee.accounting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.takt.oee.calendar.CalendarBook;
import io.takt.oee.calendar.ShiftCalendar;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;

/**
 * The OEE interval accounting of one stream task: applies a machine's state, count and quality
 * events to its ledger and window elements, and publishes windows (SO_FAR when the machine's clock
 * passes their end, again after each correction, FINAL once no late event can change them), stops
 * and the live shift-so-far record. Events must have passed {@link LatenessCheck} first.
 */
public final class MachineAccountant {

    private final OeeRules rules;
    private final CalendarBook calendars;
    private final WindowElementsStore store;
    private final OeeOutput output;
    private final Clock wallClock;
    private final IntervalAccounting accounting;
    private final Map<ShiftCalendar, WindowCutter> cutters = new IdentityHashMap<>();

    public MachineAccountant(OeeRules rules, CalendarBook calendars, WindowElementsStore store, OeeOutput output,
                             Clock wallClock) {
        this.rules = rules;
        this.calendars = calendars;
        this.store = store;
        this.output = output;
        this.wallClock = wallClock;
        this.accounting = new IntervalAccounting(rules.classifier());
    }

    /** Applies a state event. */
    public void onState(String machineId, MachineLedger ledger, MachineStateChanged event) {
        ledger.locate(event.getEquipment());
        long time = event.getSourceTimestamp().toEpochMilli();
        StatePoint point = new StatePoint(time, event.getState(), event.getRawState(), event.getReasonCode());
        List<StatePoint> points = ledger.points();
        if (points.isEmpty() || time > points.get(points.size() - 1).at()) {
            appendState(machineId, ledger, point);
        } else {
            insertState(machineId, ledger, point);
        }
        advance(machineId, ledger, time);
        output.live(live(machineId, ledger, ledger.clock()));
    }

    /** Adds units (good, scrap, rework) counted at {@code time} with the PRU of what ran then. */
    public void onQuantities(String machineId, MachineLedger ledger, long time, long good, long scrap, long rework,
                             String productId, String workOrderId) {
        ProductionContext context = ProductionContext.at(ledger.orders(), time, productId, workOrderId);
        double pru = context.idealCycleTime(machineId, rules);
        WindowCutter cutter = cutter(ledger);
        long clock = ledger.clock();
        // Every count takes this path: straight into its (up to four) windows, no maps of deltas.
        for (WindowRef window : cutter.windowsAt(time, cutter.spanAt(time))) {
            if (isFinal(window, clock)) {
                continue;
            }
            Elements elements = store.get(machineId, window);
            if (elements == null) {
                elements = new Elements();
            }
            elements.addQuantities(good, scrap, rework, pru);
            store.put(machineId, window, elements);
            noteCorrection(ledger, window, clock);
        }
        advance(machineId, ledger, time);
    }

    /** The machine's shift-so-far record, its open stay counted up to {@code accountedUntil}. */
    public OeeKpi live(String machineId, MachineLedger ledger, long accountedUntil) {
        WindowCutter cutter = cutter(ledger);
        WindowRef window = liveWindow(cutter, accountedUntil);
        Elements elements = view(machineId, ledger, window, Math.min(accountedUntil, window.end()));
        Interval open = ledger.openInterval();
        OeeKpi kpi = KpiRecords.of(machineId, EquipmentLevel.MACHINE, ledger.equipment(), window, elements,
                accountedUntil, WindowStatus.SO_FAR, rules.classifier().policy(), wallClock.instant());
        if (open != null) {
            kpi.setCurrentState(open.state());
            kpi.setCurrentStateSince(Instant.ofEpochMilli(open.start()));
        }
        return kpi;
    }

    // The shift going on, or the day outside shifts.
    private static WindowRef liveWindow(WindowCutter cutter, long time) {
        WindowRef day = null;
        for (WindowRef window : cutter.windowsAt(time, cutter.spanAt(time))) {
            if (window.kind() == WindowKind.SHIFT) {
                return window;
            }
            if (window.kind() == WindowKind.DAY) {
                day = window;
            }
        }
        return day;
    }

    // The common case: the event is newer than every state point, so it only closes the open stay.
    private void appendState(String machineId, MachineLedger ledger, StatePoint point) {
        Interval open = ledger.openInterval();
        ledger.points().add(point);
        long clock = ledger.clock();
        boolean behindClock = clock != MachineLedger.NO_CLOCK && point.at() < clock;
        if (open != null && open.state() == point.state()) {
            if (point.reason() != null && isStop(open.state())) {
                publishStop(machineId, ledger, ledger.openInterval());
            }
            return;
        }
        if (open != null) {
            Interval closed = open.endingAt(point.at());
            Map<WindowRef, Elements> deltas = new LinkedHashMap<>();
            WindowCutter cutter = cutter(ledger);
            accounting.account(closed, closed.end() - closed.start(), Long.MIN_VALUE, Long.MAX_VALUE, 1, cutter,
                    deltas);
            long before = ledger.clock();
            Set<WindowRef> touched = apply(machineId, deltas, before);
            if (isStop(closed.state())) {
                publishStop(machineId, ledger, closed);
            }
            // Windows already published showed this stay with its length so far, which may have
            // made it a minor stop; now its length is known.
            if (closed.state() == MachineState.FAULT || closed.state() == MachineState.MINOR_STOP) {
                noteCorrections(ledger, touched, before);
            }
        }
        if (isStop(point.state())) {
            publishStop(machineId, ledger, ledger.openInterval());
        }
        if (behindClock) {
            // Windows published up to the clock counted the open stay in its old state from here on.
            noteCorrections(ledger, windowsEndingIn(cutter(ledger), point.at(), clock), clock);
        }
    }

    // A late event, or one at the same instant as a known point: recompute the stays within grace.
    private void insertState(String machineId, MachineLedger ledger, StatePoint point) {
        WindowCutter cutter = cutter(ledger);
        List<Interval> before = ledger.intervals();
        Map<WindowRef, Elements> deltas = new LinkedHashMap<>();
        accountClosed(before, -1, cutter, deltas);
        List<StatePoint> points = ledger.points();
        points.removeIf(p -> p.at() == point.at());
        int index = 0;
        while (index < points.size() && points.get(index).at() < point.at()) {
            index++;
        }
        points.add(index, point);
        List<Interval> after = ledger.intervals();
        accountClosed(after, 1, cutter, deltas);
        long clock = ledger.clock();
        apply(machineId, deltas, clock);
        long from = Math.min(before.get(0).start(), after.get(0).start());
        noteCorrections(ledger, windowsEndingIn(cutter, from, clock), clock);
        publishStopChanges(machineId, ledger, before, after);
    }

    private void accountClosed(List<Interval> stays, int sign, WindowCutter cutter, Map<WindowRef, Elements> deltas) {
        for (Interval stay : stays) {
            if (!stay.isOpen()) {
                accounting.account(stay, stay.end() - stay.start(), Long.MIN_VALUE, Long.MAX_VALUE, sign, cutter,
                        deltas);
            }
        }
    }

    /** Adds the deltas to the windows not yet final at {@code clock}; returns the windows changed. */
    private Set<WindowRef> apply(String machineId, Map<WindowRef, Elements> deltas, long clock) {
        Set<WindowRef> touched = new LinkedHashSet<>();
        for (Map.Entry<WindowRef, Elements> delta : deltas.entrySet()) {
            WindowRef window = delta.getKey();
            if (isFinal(window, clock)) {
                continue;
            }
            Elements elements = store.get(machineId, window);
            if (elements == null) {
                elements = new Elements();
            }
            elements.add(delta.getValue(), 1);
            store.put(machineId, window, elements);
            touched.add(window);
        }
        return touched;
    }

    /** Notes the changed windows that had already been published, for {@link #publishCorrections}. */
    private void noteCorrections(MachineLedger ledger, Set<WindowRef> windows, long clock) {
        for (WindowRef window : windows) {
            noteCorrection(ledger, window, clock);
        }
    }

    /** Notes a changed window for {@link #publishCorrections} if it was published (ended) and is not final. */
    private void noteCorrection(MachineLedger ledger, WindowRef window, long clock) {
        if (clock != MachineLedger.NO_CLOCK && window.end() <= clock && !isFinal(window, clock)) {
            ledger.corrections().add(window);
        }
    }

    /**
     * Publishes again, SO_FAR, the windows corrected since they were published, unless they went
     * FINAL meanwhile (the FINAL record had the corrections). Returns whether the ledger changed.
     */
    public boolean publishCorrections(String machineId, MachineLedger ledger) {
        Set<WindowRef> corrections = ledger.corrections();
        if (corrections.isEmpty()) {
            return false;
        }
        long clock = ledger.clock();
        for (WindowRef window : corrections) {
            if (!isFinal(window, clock)) {
                publish(machineId, ledger, window, WindowStatus.SO_FAR);
            }
        }
        corrections.clear();
        return true;
    }

    /** Moves the machine's clock: publishes windows it passed the end of, finalises those past grace. */
    private void advance(String machineId, MachineLedger ledger, long time) {
        long before = ledger.clock();
        ledger.advanceClock(time);
        long now = ledger.clock();
        if (before != MachineLedger.NO_CLOCK && now > before) {
            WindowCutter cutter = cutter(ledger);
            long delay = rules.finalizeDelayMillis();
            for (WindowRef window : windowsEndingIn(cutter, before, now)) {
                if (!isFinal(window, now)) {
                    publish(machineId, ledger, window, WindowStatus.SO_FAR);
                }
            }
            for (WindowRef window : windowsEndingIn(cutter, Math.max(before - delay, ledger.firstEvent()),
                    now - delay)) {
                publish(machineId, ledger, window, WindowStatus.FINAL);
                store.delete(machineId, window);
            }
        }
        ledger.forgetBefore(now - rules.grace().toMillis());
    }

    private void publish(String machineId, MachineLedger ledger, WindowRef window, WindowStatus status) {
        Elements elements = view(machineId, ledger, window, window.end());
        output.window(KpiRecords.of(machineId, EquipmentLevel.MACHINE, ledger.equipment(), window, elements,
                window.end(), status, rules.classifier().policy(), wallClock.instant()));
    }

    /** The window's stored elements plus the open stay's part up to {@code until}. */
    private Elements view(String machineId, MachineLedger ledger, WindowRef window, long until) {
        Elements stored = store.get(machineId, window);
        Elements elements = stored == null ? new Elements() : stored.copy();
        Interval open = ledger.openInterval();
        if (open != null && open.start() < until) {
            Map<WindowRef, Elements> clip = new LinkedHashMap<>();
            long length = Math.max(ledger.clock(), until) - open.start();
            accounting.account(open, length, window.start(), until, 1, cutter(ledger), clip);
            Elements part = clip.get(window);
            if (part != null) {
                elements.add(part, 1);
            }
        }
        return elements;
    }

    private boolean isFinal(WindowRef window, long clock) {
        return clock != MachineLedger.NO_CLOCK && window.end() + rules.finalizeDelayMillis() <= clock;
    }

    /** Every window (of any kind) whose end lies in (after, upTo]. */
    static Set<WindowRef> windowsEndingIn(WindowCutter cutter, long after, long upTo) {
        // Window ends are cuts: none before the first cut after `after` (the case of nearly every event).
        if (after >= upTo || cutter.nextCut(after, cutter.spanAt(after)) > upTo) {
            return Set.of();
        }
        Set<WindowRef> windows = new LinkedHashSet<>();
        long time = after;
        while (time < upTo) {
            var span = cutter.spanAt(time);
            for (WindowRef window : cutter.windowsAt(time, span)) {
                if (window.end() > after && window.end() <= upTo) {
                    windows.add(window);
                }
            }
            time = cutter.nextCut(time, span);
        }
        return windows;
    }

    private void publishStopChanges(String machineId, MachineLedger ledger, List<Interval> before,
                                    List<Interval> after) {
        Map<Long, Interval> stopsAfter = new LinkedHashMap<>();
        for (Interval stay : after) {
            if (isStop(stay.state())) {
                stopsAfter.put(stay.start(), stay);
            }
        }
        for (Interval stay : before) {
            if (isStop(stay.state()) && !stopsAfter.containsKey(stay.start())) {
                output.downtime(machineId, stay.start(), null);
            }
        }
        List<Interval> changed = new ArrayList<>(stopsAfter.values());
        changed.removeAll(before);
        for (Interval stop : changed) {
            publishStop(machineId, ledger, stop);
        }
    }

    private void publishStop(String machineId, MachineLedger ledger, Interval stop) {
        ProductionContext context = ProductionContext.at(ledger.orders(), stop.start(), null, null);
        long end = stop.isOpen() ? Math.max(ledger.clock(), stop.start()) : stop.end();
        DowntimeEvent event = DowntimeEvent.newBuilder()
                .setEquipment(ledger.equipment() == null ? unplaced(machineId) : ledger.equipment())
                .setState(stop.state())
                .setRawState(stop.rawState())
                .setReasonCode(stop.reason())
                .setStart(Instant.ofEpochMilli(stop.start()))
                .setEnd(stop.isOpen() ? null : Instant.ofEpochMilli(stop.end()))
                .setDurationMillis(end - stop.start())
                .setMinorStop(rules.classifier().isMinorStop(stop.state(), end - stop.start()))
                .setWorkOrderId(context.workOrderId())
                .setProductId(context.productIdOrNull())
                .build();
        output.downtime(machineId, stop.start(), event);
    }

    private static EquipmentRef unplaced(String machineId) {
        return EquipmentRef.newBuilder().setId(machineId).setEnterprise("").setSite("").setArea("").setLine("")
                .setMachine(machineId).build();
    }

    private static boolean isStop(MachineState state) {
        return state != MachineState.RUNNING;
    }

    WindowCutter cutter(MachineLedger ledger) {
        EquipmentRef ref = ledger.equipment();
        ShiftCalendar calendar = ref == null ? calendars.fallback()
                : calendars.forLine(ref.getSite(), ref.getArea(), ref.getLine());
        return cutters.computeIfAbsent(calendar, WindowCutter::new);
    }
}
