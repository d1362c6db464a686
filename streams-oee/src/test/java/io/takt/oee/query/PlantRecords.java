package io.takt.oee.query;

import java.time.Duration;
import java.time.Instant;

import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;

/** Small, explicit OEE records for the query tests. */
final class PlantRecords {

    private PlantRecords() {
    }

    /** A machine of site1, e.g. {@code machine("assembly", "line2", "press3")} is site1.assembly.line2.press3. */
    static EquipmentRef machine(String area, String line, String machine) {
        return EquipmentRef.newBuilder()
                .setId("site1." + area + "." + line + "." + machine)
                .setEnterprise("takt")
                .setSite("site1")
                .setArea(area)
                .setLine(line)
                .setMachine(machine)
                .build();
    }

    /** A stop that lasted {@code length} (ended), with {@code reason} (may be null). */
    static DowntimeEvent stop(EquipmentRef machine, MachineState state, String reason, String start, Duration length) {
        Instant begin = Instant.parse(start);
        return DowntimeEvent.newBuilder()
                .setEquipment(machine)
                .setState(state)
                .setRawState(state.name().toLowerCase(java.util.Locale.ROOT))
                .setReasonCode(reason)
                .setStart(begin)
                .setEnd(begin.plus(length))
                .setDurationMillis(length.toMillis())
                .setMinorStop(length.compareTo(Duration.ofMinutes(2)) < 0)
                .build();
    }

    /** A window KPI of {@code equipmentId} with PBT 3,600,000 ms of which APT {@code aptMillis}. */
    static OeeKpi kpi(String equipmentId, EquipmentLevel level, WindowKind kind, String windowStart,
            Duration length, long aptMillis) {
        Instant start = Instant.parse(windowStart);
        long pbt = length.toMillis();
        return OeeKpi.newBuilder()
                .setEquipmentId(equipmentId)
                .setLevel(level)
                .setWindowKind(kind)
                .setWindowStart(start)
                .setWindowEnd(start.plus(length))
                .setAccountedUntil(start.plus(length))
                .setStatus(WindowStatus.FINAL)
                .setPlannedOperationTimeMillis(pbt)
                .setPlannedDownTimeMillis(0L)
                .setPlannedBusyTimeMillis(pbt)
                .setActualProductionTimeMillis(aptMillis)
                .setActualSetupTimeMillis(0L)
                .setActualUnitDelayTimeMillis(pbt - aptMillis)
                .setActualUnitDownTimeMillis(0L)
                .setNoDataTimeMillis(0L)
                .setMinorStopTimeMillis(0L)
                .setMinorStopCount(0L)
                .setMinorStopPolicy(MinorStopPolicy.IN_RUN_TIME)
                .setProducedQuantity(0L)
                .setGoodQuantity(0L)
                .setScrapQuantity(0L)
                .setReworkQuantity(0L)
                .setIdealTimeProducedMillis(0.0)
                .setIdealTimeGoodMillis(0.0)
                .setFailureEvents(0L)
                .setAvailability((double) aptMillis / pbt)
                .setComputedAt(start.plus(length).plusSeconds(1))
                .build();
    }
}
