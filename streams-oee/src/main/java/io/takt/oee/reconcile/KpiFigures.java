package io.takt.oee.reconcile;

import java.time.Instant;

import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowStatus;

/** An {@link OeeKpi} from a window's elements: the KPIs by the README's formulas, null on a zero denominator. */
final class KpiFigures {

    private KpiFigures() {
    }

    static OeeKpi toKpi(String equipmentId, EquipmentLevel level, WindowTally t, MinorStopPolicy policy,
            Instant computedAt) {
        Double availability = ratio(t.production, t.plannedBusy);
        Double performance = ratio(t.idealProduced, t.production);
        Double quality = ratio(t.good, t.produced);
        return OeeKpi.newBuilder()
                .setEquipmentId(equipmentId)
                .setLevel(level)
                .setWindowKind(t.kind)
                .setWindowStart(Instant.ofEpochMilli(t.start))
                .setWindowEnd(Instant.ofEpochMilli(t.end))
                .setAccountedUntil(Instant.ofEpochMilli(t.end))
                .setStatus(t.complete ? WindowStatus.FINAL : WindowStatus.SO_FAR)
                .setWorkOrderId(null)
                .setShiftId(t.shiftId)
                .setPlannedOperationTimeMillis(t.plannedOperation)
                .setPlannedDownTimeMillis(t.plannedDown)
                .setPlannedBusyTimeMillis(t.plannedBusy)
                .setActualProductionTimeMillis(t.production)
                .setActualSetupTimeMillis(t.setup)
                .setActualUnitDelayTimeMillis(t.unitDelay)
                .setActualUnitDownTimeMillis(t.unitDown)
                .setNoDataTimeMillis(t.noData)
                .setMinorStopTimeMillis(t.minorStopTime)
                .setMinorStopCount(t.minorStops)
                .setMinorStopPolicy(policy)
                .setProducedQuantity(t.produced)
                .setGoodQuantity(t.good)
                .setScrapQuantity(t.scrap)
                .setReworkQuantity(t.rework)
                .setIdealTimeProducedMillis(t.idealProduced)
                .setIdealTimeGoodMillis(t.idealGood)
                .setFailureEvents(t.failures)
                .setAvailability(availability)
                .setPerformance(performance)
                .setQuality(quality)
                .setOee(ratio(t.idealGood, t.plannedBusy))
                .setPerformanceImplausible(performance != null && performance > 1.0)
                .setFaultTimeMillis(t.fault)
                .setNee(nee(t, performance, quality))
                .setTechnicalEfficiency(ratio(t.production, t.production + t.unitDelay))
                .setSetupRate(ratio(t.setup, t.setup + t.production))
                .setScrapRatio(ratio(t.scrap, t.produced))
                .setReworkRatio(ratio(t.rework, t.produced))
                .setMtbfMillis(ratio(t.production, t.failures))
                .setMttrMillis(ratio(t.fault, t.failures))
                .setDataGap(t.noData > 0)
                .setCurrentState(null)
                .setCurrentStateSince(null)
                .setMembers(t.members)
                .setComputedAt(computedAt)
                .build();
    }

    /** NEE = (APT + ASUT) / PBT × P × Q; null when any factor is. */
    private static Double nee(WindowTally t, Double performance, Double quality) {
        Double processing = ratio(t.production + t.setup, t.plannedBusy);
        if (processing == null || performance == null || quality == null) {
            return null;
        }
        return processing * performance * quality;
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
