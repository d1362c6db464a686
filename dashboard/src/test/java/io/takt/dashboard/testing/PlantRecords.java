package io.takt.dashboard.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.takt.schemas.Confirmation;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/**
 * Hand-made records of the KPI topics for tests: each sets what a test reads and fills the rest of
 * the contract with plain values. The plant is enterprise {@code acme}, area {@code production}.
 */
public final class PlantRecords {

    private PlantRecords() {
    }

    /** A machine of {@code site}, area production, e.g. {@code machine("site1", "line1", "press1")}. */
    public static EquipmentRef machine(String site, String line, String name) {
        return EquipmentRef.newBuilder().setId(site + ".production." + line + "." + name).setEnterprise("acme")
                .setSite(site).setArea("production").setLine(line).setMachine(name).build();
    }

    /** A live (shift so far) OEE record of a machine, with its A, P, Q and OEE as given (null for none). */
    public static OeeKpi liveMachine(EquipmentRef machine, Instant shiftStart, Double oee, Double availability,
                                     Double performance, Double quality) {
        return kpi(machine.getId(), EquipmentLevel.MACHINE, WindowKind.SHIFT, shiftStart, Duration.ofHours(8),
                oee, availability, performance, quality).setEquipment(machine).setCurrentState(MachineState.RUNNING)
                .setCurrentStateSince(shiftStart).build();
    }

    /** A live (shift so far) roll-up record of a line, area or site. */
    public static OeeKpi liveRollup(String id, EquipmentLevel level, int members, Instant shiftStart, Double oee,
                                    Double availability, Double performance, Double quality) {
        return kpi(id, level, WindowKind.SHIFT, shiftStart, Duration.ofHours(8), oee, availability, performance,
                quality).setMembers(members).build();
    }

    /** A window of the oee topic (kind MINUTE, HOUR, ...), only its OEE set. */
    public static OeeKpi window(String id, EquipmentLevel level, WindowKind kind, Instant start, Duration length,
                                Double oee, WindowStatus status) {
        return kpi(id, level, kind, start, length, oee, oee, 1.0, 1.0).setStatus(status).build();
    }

    private static OeeKpi.Builder kpi(String id, EquipmentLevel level, WindowKind kind, Instant start,
                                      Duration length, Double oee, Double availability, Double performance,
                                      Double quality) {
        return OeeKpi.newBuilder().setEquipmentId(id).setLevel(level).setWindowKind(kind).setWindowStart(start)
                .setWindowEnd(start.plus(length)).setAccountedUntil(start.plus(length.dividedBy(2)))
                .setStatus(WindowStatus.SO_FAR).setPlannedOperationTimeMillis(0).setPlannedDownTimeMillis(0)
                .setPlannedBusyTimeMillis(0).setActualProductionTimeMillis(0).setActualSetupTimeMillis(0)
                .setActualUnitDelayTimeMillis(0).setActualUnitDownTimeMillis(0).setNoDataTimeMillis(0)
                .setMinorStopTimeMillis(0).setMinorStopCount(0).setMinorStopPolicy(MinorStopPolicy.IN_RUN_TIME)
                .setProducedQuantity(1000).setGoodQuantity(980).setScrapQuantity(20).setReworkQuantity(0)
                .setIdealTimeProducedMillis(0.0).setIdealTimeGoodMillis(0.0).setFailureEvents(0)
                .setOee(oee).setAvailability(availability).setPerformance(performance).setQuality(quality)
                .setComputedAt(start);
    }

    public static MachineStateChanged stateChange(EquipmentRef machine, MachineState state, String reason,
                                                  Instant at, long sequence) {
        return MachineStateChanged.newBuilder().setEquipment(machine).setState(state).setRawState(state.name())
                .setReasonCode(reason).setSourceTimestamp(at).setReceiveTimestamp(at)
                .setSource(new SourceRef("gw-test", machine.getId() + ".state")).setSequence(sequence).build();
    }

    /** A stop; {@code end} null while it lasts, {@code duration} then being the length so far. */
    public static DowntimeEvent stop(EquipmentRef machine, MachineState state, String reason, Instant start,
                                     Instant end, Duration duration) {
        return DowntimeEvent.newBuilder().setEquipment(machine).setState(state).setRawState(state.name())
                .setReasonCode(reason).setStart(start).setEnd(end).setDurationMillis(duration.toMillis()).build();
    }

    /** The downtime topic's key of a stop: {@code equipment|start}. */
    public static String stopKey(EquipmentRef machine, Instant start) {
        return machine.getId() + "|" + start.toEpochMilli();
    }

    public static WorkOrder workOrder(String id, String product, double planned, WorkOrderStatus status,
                                      String equipmentId, Instant changedAt) {
        return WorkOrder.newBuilder().setWorkOrderId(id).setProductId(product).setDescription(product + " order")
                .setPlannedQuantity(new Quantity(planned, "H87")).setStatus(status).setEquipmentId(equipmentId)
                .setIdealCycleTimes(List.of()).setLastChangedAt(changedAt).build();
    }

    /** A cumulative confirmation of {@code good} units of an order on a machine at a routing operation (or null). */
    public static Confirmation confirmation(String order, String equipmentId, Integer operation, double good,
                                            Instant at) {
        return Confirmation.newBuilder().setConfirmationId(order + "/" + equipmentId).setWorkOrderId(order)
                .setOperation(operation).setEquipmentId(equipmentId).setGoodQuantity(good).setScrapQuantity(0.0)
                .setReworkQuantity(0.0).setUnit("ST").setActualStart(at).setActualEnd(at).setMachineTimeMillis(0)
                .setCountEvents(1).build();
    }
}
