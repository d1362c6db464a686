package io.takt.dashboard.view;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.takt.schemas.Confirmation;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WorkOrder;

/**
 * The plant as the dashboard shows it, built from the KPI topics: live OEE per equipment, OEE
 * trends over the shift, machine states, stops with their Pareto, and work orders with progress.
 * One reader thread applies records; browsers take a {@link #snapshot()} on connect and then the
 * {@link #drainChanges() changes} since the last drain. Changes are upserts of whole entries (or
 * whole small sections), so a change seen both in a snapshot and in the next change event does no
 * harm.
 */
public final class PlantView {

    /** Stops in the stop list, work orders in the order panel. */
    public static final int LIST_LIMIT = 50;

    private final String site;
    private final Clock clock;
    private final Map<String, EquipmentOee> oee = new TreeMap<>();
    private final Map<String, OeeTrend> trends = new TreeMap<>();
    private final Map<String, MachineStatus> machines = new TreeMap<>();
    private final StopLog stops = new StopLog();
    private final WorkOrderBook orders = new WorkOrderBook();
    private Long updatedAt;

    private final TreeSet<String> changedOee = new TreeSet<>();
    private final TreeSet<String> changedMachines = new TreeSet<>();
    private final Map<String, Map<Long, TrendPoint>> changedTrendPoints = new TreeMap<>();
    private boolean downtimeChanged;
    private boolean ordersChanged;

    public PlantView(String site, Clock clock) {
        this.site = site;
        this.clock = clock;
    }

    /** A record of the oee-live topic: the shift so far of one machine, line, area or site. */
    public synchronized void liveOee(OeeKpi kpi) {
        EquipmentOee live = EquipmentOee.of(kpi);
        EquipmentOee before = oee.put(live.id(), live);
        if (before == null || before.shiftStart() != live.shiftStart()) {
            trends.computeIfAbsent(live.id(), id -> new OeeTrend()).shiftStartsAt(live.shiftStart());
            Map<Long, TrendPoint> pending = changedTrendPoints.get(live.id());
            if (pending != null) {
                pending.keySet().removeIf(start -> start < live.shiftStart());
            }
            // A new shift restarts the Pareto's period for this machine.
            downtimeChanged = true;
        }
        changedOee.add(live.id());
        touched();
    }

    /** A record of the oee topic: one closed or open window; only MINUTE windows make the trend. */
    public synchronized void oeeWindow(OeeKpi window) {
        if (window.getWindowKind() != WindowKind.MINUTE) {
            return;
        }
        long start = window.getWindowStart().toEpochMilli();
        if (trends.computeIfAbsent(window.getEquipmentId(), id -> new OeeTrend()).put(start, window.getOee())) {
            changedTrendPoints.computeIfAbsent(window.getEquipmentId(), id -> new TreeMap<>())
                    .put(start, new TrendPoint(start, window.getOee()));
            touched();
        }
    }

    public synchronized void machineState(MachineStateChanged change) {
        MachineStatus status = MachineStatus.of(change);
        MachineStatus before = machines.get(status.id());
        // The topic is ordered per machine, but a gateway's redelivery after a restart may repeat an older change.
        if (before == null || before.since() <= status.since()) {
            machines.put(status.id(), status);
            changedMachines.add(status.id());
            touched();
        }
    }

    public synchronized void stop(String key, DowntimeEvent event) {
        if (event == null) {
            stops.remove(key);
        } else {
            stops.put(Stop.of(key, event));
        }
        downtimeChanged = true;
        touched();
    }

    public synchronized void workOrder(String workOrderId, WorkOrder order) {
        if (order == null) {
            orders.removeOrder(workOrderId);
        } else {
            orders.put(order);
        }
        ordersChanged = true;
        touched();
    }

    public synchronized void confirmation(String confirmationId, Confirmation confirmation) {
        if (confirmation == null) {
            orders.removeConfirmation(confirmationId);
        } else {
            orders.put(confirmation);
        }
        ordersChanged = true;
        touched();
    }

    /** The whole view, JSON-ready: what a browser gets on connect and {@code GET /api/snapshot} answers. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("site", site);
        snapshot.put("updatedAt", updatedAt);
        snapshot.put("trendLimit", OeeTrend.MAX_POINTS);
        snapshot.put("oee", new LinkedHashMap<>(oee));
        Map<String, List<TrendPoint>> trendPoints = new LinkedHashMap<>();
        trends.forEach((id, trend) -> trendPoints.put(id, trend.points()));
        snapshot.put("trends", trendPoints);
        snapshot.put("machines", new LinkedHashMap<>(machines));
        snapshot.put("downtime", downtime());
        snapshot.put("workOrders", workOrders());
        return snapshot;
    }

    /**
     * What changed since the last call, JSON-ready, and forgets it; empty when nothing did. Keyed
     * sections ({@code oee}, {@code machines}, {@code trends}) hold only the changed entries (trend
     * points to add or replace), {@code downtime} and {@code workOrders} are whole when present.
     */
    public synchronized Optional<Map<String, Object>> drainChanges() {
        if (changedOee.isEmpty() && changedMachines.isEmpty() && changedTrendPoints.isEmpty() && !downtimeChanged
                && !ordersChanged) {
            return Optional.empty();
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("updatedAt", updatedAt);
        changes.put("oee", pick(oee, changedOee));
        changes.put("machines", pick(machines, changedMachines));
        Map<String, List<TrendPoint>> points = new LinkedHashMap<>();
        changedTrendPoints.forEach((id, byStart) -> points.put(id, List.copyOf(byStart.values())));
        changes.put("trends", points);
        if (downtimeChanged) {
            changes.put("downtime", downtime());
        }
        if (ordersChanged) {
            changes.put("workOrders", workOrders());
        }
        changedOee.clear();
        changedMachines.clear();
        changedTrendPoints.clear();
        downtimeChanged = false;
        ordersChanged = false;
        return Optional.of(changes);
    }

    private Map<String, Object> downtime() {
        Map<String, Object> downtime = new LinkedHashMap<>();
        downtime.put("shiftStart", earliestMachineShiftStart());
        downtime.put("pareto", stops.pareto(this::shiftStartOf));
        downtime.put("stops", stops.newest(LIST_LIMIT));
        return downtime;
    }

    private Map<String, Object> workOrders() {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("orderCount", orders.orderCount());
        section.put("confirmationCount", orders.confirmationCount());
        section.put("orders", orders.progress(LIST_LIMIT));
        return section;
    }

    private Long shiftStartOf(String equipmentId) {
        EquipmentOee live = oee.get(equipmentId);
        return live == null ? null : live.shiftStart();
    }

    private Long earliestMachineShiftStart() {
        return oee.values().stream().filter(e -> EquipmentLevel.MACHINE.name().equals(e.level()))
                .map(EquipmentOee::shiftStart).min(Long::compare).orElse(null);
    }

    private static <T> Map<String, T> pick(Map<String, T> all, TreeSet<String> ids) {
        Map<String, T> picked = new LinkedHashMap<>();
        ids.forEach(id -> picked.put(id, all.get(id)));
        return picked;
    }

    private void touched() {
        updatedAt = clock.millis();
    }
}
