package io.takt.oee.reconcile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.takt.oee.calendar.CalendarSpan;
import io.takt.oee.calendar.PlanKind;
import io.takt.oee.calendar.Shift;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityDisposition;
import io.takt.schemas.QualityResult;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/** Events of line 2 on 2026-11-25 (UTC), written as "HH:mm" or "HH:mm:ss" of that day. */
final class PlantEvents {

    static final String DAY = "2026-11-25";
    static final String PRESS = "site1.assembly.line2.press3";
    static final String PRESS_4 = "site1.assembly.line2.press4";
    private static final SourceRef TAG = SourceRef.newBuilder().setGatewayId("gw1").setAddress("tag").build();

    private PlantEvents() {
    }

    static Instant at(String time) {
        return Instant.parse(DAY + "T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }

    static long ms(String time) {
        return at(time).toEpochMilli();
    }

    static EquipmentRef machine(String id) {
        String[] parts = id.split("\\.");
        return EquipmentRef.newBuilder().setId(id).setEnterprise("acme").setSite(parts[0]).setArea(parts[1])
                .setLine(parts[2]).setMachine(parts[3]).build();
    }

    static MachineStateChanged state(String machine, String time, MachineState state) {
        return MachineStateChanged.newBuilder().setEquipment(machine(machine)).setState(state)
                .setRawState(state.name()).setSourceTimestamp(at(time)).setReceiveTimestamp(at(time))
                .setSource(TAG).setSequence(0L).build();
    }

    static MachineStateChanged state(String time, MachineState state) {
        return state(PRESS, time, state);
    }

    static ProductionCount count(String machine, String time, long good, long scrap, String product, String order) {
        return ProductionCount.newBuilder().setEquipment(machine(machine)).setGoodQuantity(good)
                .setScrapQuantity(scrap).setReworkQuantity(0L).setProductId(product).setWorkOrderId(order)
                .setSourceTimestamp(at(time)).setReceiveTimestamp(at(time)).setSource(TAG).setSequence(0L).build();
    }

    static ProductionCount count(String time, long good, long scrap) {
        return count(PRESS, time, good, scrap, null, null);
    }

    /** A FAIL at a test station of units pressed on press 3. */
    static QualityResult fail(String time, long units, QualityDisposition disposition) {
        return QualityResult.newBuilder().setLotId("L1").setCharacteristic("bore").setVerdict(InspectionResult.FAIL)
                .setEquipment(machine("site1.assembly.line2.gauge1")).setProducedOn(PRESS)
                .setDisposition(disposition).setQuantity(units)
                .setSourceTimestamp(at(time)).setReceiveTimestamp(at(time)).setSource(TAG).setSequence(0L).build();
    }

    static WorkOrder order(String id, String product, WorkOrderStatus status, String changedAt, double pru) {
        return WorkOrder.newBuilder().setWorkOrderId(id).setProductId(product)
                .setPlannedQuantity(Quantity.newBuilder().setValue(1000.0).setUom("H87").build())
                .setStatus(status).setEquipmentId(PRESS)
                .setIdealCycleTimes(List.of(IdealCycleTime.newBuilder().setEquipmentId(PRESS).setProductId(product)
                        .setMillisPerUnit(pru).build()))
                .setLastChangedAt(at(changedAt)).build();
    }

    /** Grace 5 min, minor-stop threshold 2 min, PRU 1 s unless an order or press 3's 1.5 s entry says otherwise. */
    static OeeRules rules(MinorStopPolicy policy) {
        return new OeeRules(Duration.ofMinutes(5), Duration.ofMinutes(2), policy, 1000.0, Map.of(PRESS_4, 1500.0));
    }

    /** UTC, one shift "early" 06:00-14:00 every day with a break 09:00-09:15; the rest of the day is not planned. */
    static PlannedTime earlyShiftWithBreak() {
        return new PlannedTime() {
            @Override
            public java.time.ZoneId zone() {
                return ZoneOffset.UTC;
            }

            @Override
            public CalendarSpan spanAt(long t) {
                long day = Math.floorDiv(t, 86_400_000L) * 86_400_000L;
                long from = day + 6 * 3_600_000L;
                long to = day + 14 * 3_600_000L;
                long breakFrom = day + 9 * 3_600_000L;
                long breakTo = breakFrom + 15 * 60_000L;
                if (t < from) {
                    return new CalendarSpan(day, from, PlanKind.UNPLANNED, null, null);
                }
                if (t >= to) {
                    return new CalendarSpan(to, day + 86_400_000L, PlanKind.UNPLANNED, null, null);
                }
                Shift shift = new Shift(java.time.LocalDate.ofEpochDay(day / 86_400_000L) + "/early", "early", from, to);
                if (t < breakFrom) {
                    return new CalendarSpan(from, breakFrom, PlanKind.PLANNED_BUSY, shift, null);
                }
                if (t < breakTo) {
                    return new CalendarSpan(breakFrom, breakTo, PlanKind.PLANNED_DOWN, shift, "break");
                }
                return new CalendarSpan(breakTo, to, PlanKind.PLANNED_BUSY, shift, null);
            }
        };
    }
}
