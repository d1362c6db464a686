package io.takt.schemas;

import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecordBase;

/** One realistic example of every event contract: press 3 on line 2 of the assembly area, early shift. */
public final class SampleEvents {

    public static final Instant SHIFT_START = Instant.parse("2026-11-25T06:00:00Z");

    private SampleEvents() {
    }

    public static List<SpecificRecordBase> all() {
        return List.of(machineStateChanged(), productionCount(), materialMovement(), qualityResult(), workOrder(),
                shiftCalendar(), oeeKpi(), downtimeEvent(), genealogyEdge(), materialLot(), confirmation());
    }

    public static EquipmentRef press3() {
        return EquipmentRef.newBuilder()
                .setId("site1.assembly.line2.press3")
                .setEnterprise("acme")
                .setSite("site1")
                .setArea("assembly")
                .setLine("line2")
                .setWorkCell("cell1")
                .setMachine("press3")
                .build();
    }

    public static SourceRef stateTag() {
        return SourceRef.newBuilder().setGatewayId("gw-assembly-1").setAddress("ns=2;s=Press3.State").build();
    }

    public static MachineStateChanged machineStateChanged() {
        return MachineStateChanged.newBuilder()
                .setEquipment(press3())
                .setState(MachineState.FAULT)
                .setRawState("Held")
                .setRawMode("Production")
                .setReasonCode("1003")
                .setSourceTimestamp(SHIFT_START.plusSeconds(600))
                .setReceiveTimestamp(SHIFT_START.plusSeconds(600).plusMillis(40))
                .setSource(stateTag())
                .setSequence(41L)
                .build();
    }

    public static ProductionCount productionCount() {
        return ProductionCount.newBuilder()
                .setEquipment(press3())
                .setGoodQuantity(12L)
                .setScrapQuantity(1L)
                .setReworkQuantity(0L)
                .setProductId("MAT-4711")
                .setWorkOrderId("1000123")
                .setSourceTimestamp(SHIFT_START.plusSeconds(60))
                .setReceiveTimestamp(SHIFT_START.plusSeconds(60).plusMillis(35))
                .setSource(SourceRef.newBuilder().setGatewayId("gw-assembly-1").setAddress("ns=2;s=Press3.Good")
                        .build())
                .setSequence(42L)
                .build();
    }

    public static MaterialMovement materialMovement() {
        return MaterialMovement.newBuilder()
                .setKind(MovementKind.CONSUMED)
                .setLotId("L2026-1125-007")
                .setMaterialId("MAT-STEEL-2MM")
                .setQuantity(Quantity.newBuilder().setValue(250.0).setUom("KGM").build())
                .setWorkOrderId("1000123")
                .setOperationId("0020")
                .setEquipment(press3())
                .setSourceTimestamp(SHIFT_START.plusSeconds(30))
                .setReceiveTimestamp(SHIFT_START.plusSeconds(30).plusMillis(120))
                .setSource(SourceRef.newBuilder().setGatewayId("gw-assembly-1").setAddress("scanner-7").build())
                .setSequence(7L)
                .build();
    }

    public static QualityResult qualityResult() {
        return QualityResult.newBuilder()
                .setLotId("L2026-1125-101")
                .setSerialNumber("SN-000481")
                .setCharacteristic("bore-diameter")
                .setMeasuredValue(12.03)
                .setLowerLimit(11.95)
                .setUpperLimit(12.05)
                .setUom("mm")
                .setVerdict(InspectionResult.PASS)
                .setEquipment(press3())
                .setSourceTimestamp(SHIFT_START.plusSeconds(900))
                .setReceiveTimestamp(SHIFT_START.plusSeconds(900).plusMillis(50))
                .setSource(SourceRef.newBuilder().setGatewayId("gw-assembly-1").setAddress("gauge-2").build())
                .setSequence(3L)
                .build();
    }

    public static WorkOrder workOrder() {
        return WorkOrder.newBuilder()
                .setWorkOrderId("1000123")
                .setProductId("MAT-4711")
                .setDescription("Bracket, left")
                .setPlannedQuantity(Quantity.newBuilder().setValue(5000.0).setUom("H87").build())
                .setStatus(WorkOrderStatus.RELEASED)
                .setErpWorkCenter("PRESS-03")
                .setEquipmentId("site1.assembly.line2.press3")
                .setPlannedStart(SHIFT_START)
                .setPlannedEnd(SHIFT_START.plusSeconds(8 * 3600))
                .setIdealCycleTimes(List.of(IdealCycleTime.newBuilder()
                        .setEquipmentId("site1.assembly.line2.press3")
                        .setProductId("MAT-4711")
                        .setMillisPerUnit(500.0)
                        .setOperation(10)
                        .build()))
                .setLastChangedAt(SHIFT_START.minusSeconds(3600))
                .build();
    }

    /**
     * Line 2's calendar: early and late shift on weekdays, two daily breaks, Christmas off and a
     * two-hour planned maintenance on the first Saturday of December.
     */
    public static ShiftCalendar shiftCalendar() {
        return ShiftCalendar.newBuilder()
                .setScope("site1.assembly.line2")
                .setTimeZone("Europe/Berlin")
                .setShifts(List.of(
                        ShiftPattern.newBuilder().setName("early").setLocalFrom("06:00").setLocalTo("14:00")
                                .setDays(List.of("MON", "TUE", "WED", "THU", "FRI")).build(),
                        ShiftPattern.newBuilder().setName("late").setLocalFrom("14:00").setLocalTo("22:00")
                                .setDays(List.of("MON", "TUE", "WED", "THU", "FRI")).build()))
                .setBreaks(List.of(
                        DailyBreak.newBuilder().setLocalFrom("09:00").setLocalTo("09:15").build(),
                        DailyBreak.newBuilder().setLocalFrom("18:00").setLocalTo("18:30").build()))
                .setHolidays(List.of("2026-12-24", "2026-12-25"))
                .setPlannedStops(List.of(PlannedStop.newBuilder()
                        .setStart(Instant.parse("2026-12-05T08:00:00Z"))
                        .setEnd(Instant.parse("2026-12-05T10:00:00Z"))
                        .setReason("PM-2026-49 press overhaul")
                        .build()))
                .setUpdatedAt(SHIFT_START.minusSeconds(86_400))
                .build();
    }

    /**
     * One hour of press 3. POT 3 600 000 = PDOT 600 000 + PBT 3 000 000; PBT = APT 2 400 000 + ASUT 300 000
     * + ADET 200 000 + ADOT 60 000 + no data 40 000. PQ 4 000 = GQ 3 900 + SQ 80 + RQ 20; PRU 500 ms, so
     * ideal time of PQ 2 000 000 and of GQ 1 950 000. A = 2.4e6 / 3e6 = 0.8; P = 2e6 / 2.4e6 = 0.8333;
     * Q = 3900 / 4000 = 0.975; OEE = 1.95e6 / 3e6 = 0.65.
     */
    public static OeeKpi oeeKpi() {
        return OeeKpi.newBuilder()
                .setEquipmentId("site1.assembly.line2.press3")
                .setLevel(EquipmentLevel.MACHINE)
                .setWindowKind(WindowKind.HOUR)
                .setWindowStart(SHIFT_START)
                .setWindowEnd(SHIFT_START.plusSeconds(3600))
                .setAccountedUntil(SHIFT_START.plusSeconds(3600))
                .setStatus(WindowStatus.FINAL)
                .setPlannedOperationTimeMillis(3_600_000L)
                .setPlannedDownTimeMillis(600_000L)
                .setPlannedBusyTimeMillis(3_000_000L)
                .setActualProductionTimeMillis(2_400_000L)
                .setActualSetupTimeMillis(300_000L)
                .setActualUnitDelayTimeMillis(200_000L)
                .setActualUnitDownTimeMillis(60_000L)
                .setNoDataTimeMillis(40_000L)
                .setMinorStopTimeMillis(45_000L)
                .setMinorStopCount(9L)
                .setMinorStopPolicy(MinorStopPolicy.IN_RUN_TIME)
                .setProducedQuantity(4_000L)
                .setGoodQuantity(3_900L)
                .setScrapQuantity(80L)
                .setReworkQuantity(20L)
                .setIdealTimeProducedMillis(2_000_000.0)
                .setIdealTimeGoodMillis(1_950_000.0)
                .setFailureEvents(2L)
                .setAvailability(0.8)
                .setPerformance(2_000_000.0 / 2_400_000.0)
                .setQuality(0.975)
                .setOee(0.65)
                .setComputedAt(SHIFT_START.plusSeconds(3601))
                .build();
    }

    public static DowntimeEvent downtimeEvent() {
        return DowntimeEvent.newBuilder()
                .setEquipment(press3())
                .setState(MachineState.FAULT)
                .setRawState("Held")
                .setReasonCode("1003")
                .setStart(SHIFT_START.plusSeconds(600))
                .setEnd(null)
                .setDurationMillis(90_000L)
                .setMinorStop(false)
                .setWorkOrderId("1000123")
                .setProductId("MAT-4711")
                .build();
    }

    public static GenealogyEdge genealogyEdge() {
        return GenealogyEdge.newBuilder()
                .setParentLotId("L2026-1125-007")
                .setParentMaterialId("MAT-STEEL-2MM")
                .setChildLotId("L2026-1125-101")
                .setChildMaterialId("MAT-4711")
                .setQuantity(Quantity.newBuilder().setValue(250.0).setUom("KGM").build())
                .setWorkOrderId("1000123")
                .setOperationId("0020")
                .setEquipment(press3())
                .setLinkedAt(SHIFT_START.plusSeconds(1200))
                .build();
    }

    public static Confirmation confirmation() {
        return Confirmation.newBuilder()
                .setConfirmationId("1000123/site1.assembly.line2.press3")
                .setWorkOrderId("1000123")
                .setOperation(10)
                .setEquipmentId("site1.assembly.line2.press3")
                .setErpWorkCenter("PRESS-03")
                .setProductId("MAT-4711")
                .setGoodQuantity(1180.0)
                .setScrapQuantity(20.0)
                .setReworkQuantity(0.0)
                .setUnit("ST")
                .setActualStart(SHIFT_START.plusSeconds(600))
                .setActualEnd(SHIFT_START.plusSeconds(4200))
                .setMachineTimeMillis(3_300_000L)
                .setCountEvents(1200L)
                .build();
    }

    public static MaterialLot materialLot() {
        return MaterialLot.newBuilder()
                .setLotId("L2026-1125-101")
                .setMaterialId("MAT-4711")
                .setProducedQuantity(Quantity.newBuilder().setValue(400.0).setUom("H87").build())
                .setWorkOrderId("1000123")
                .setOperationId("0020")
                .setEquipment(press3())
                .setProducedFrom(SHIFT_START.plusSeconds(1200))
                .setProducedUntil(SHIFT_START.plusSeconds(4800))
                .setSerialNumbers(List.of("SN-0001", "SN-0002"))
                .setQuality(InspectionResult.PASS)
                .setInspections(List.of(LotInspection.newBuilder().setCharacteristic("bore-diameter")
                        .setVerdict(InspectionResult.PASS).setMeasuredValue(12.01).setUom("mm")
                        .setCheckedAt(SHIFT_START.plusSeconds(3000)).build()))
                .setUpdatedAt(SHIFT_START.plusSeconds(4800))
                .build();
    }
}
