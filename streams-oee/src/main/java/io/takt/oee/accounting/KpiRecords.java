package io.takt.oee.accounting;

import java.time.Instant;

import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowStatus;

/**
 * Builds OeeKpi records from elements: carries every element and derives the KPIs per ISO 22400-2,
 * with null (never 0 or NaN) where a denominator is 0 and performance kept above 1 but flagged.
 */
public final class KpiRecords {

    private KpiRecords() {
    }

    /** The record of one window of one machine (or of a roll-up, with {@code equipment} null). */
    public static OeeKpi of(String equipmentId, EquipmentLevel level, EquipmentRef equipment, WindowRef window,
                            Elements e, long accountedUntil, WindowStatus status, MinorStopPolicy policy,
                            Instant computedAt) {
        OeeKpi.Builder kpi = OeeKpi.newBuilder()
                .setEquipmentId(equipmentId)
                .setLevel(level)
                .setEquipment(equipment)
                .setWindowKind(window.kind())
                .setWindowStart(Instant.ofEpochMilli(window.start()))
                .setWindowEnd(Instant.ofEpochMilli(window.end()))
                .setAccountedUntil(Instant.ofEpochMilli(accountedUntil))
                .setStatus(status)
                .setShiftId(window.shiftId())
                .setMinorStopPolicy(policy)
                .setComputedAt(computedAt);
        setElements(kpi, e);
        return kpi.build();
    }

    /** Puts the elements and the KPIs derived from them into {@code kpi}. */
    public static void setElements(OeeKpi.Builder kpi, Elements e) {
        long pbt = e.plannedBusyTime();
        long apt = e.time(TimeBucket.APT);
        long asut = e.time(TimeBucket.ASUT);
        long adet = e.time(TimeBucket.ADET);
        long pq = e.produced();
        long fe = e.failureEvents();
        Double performance = ratio(e.idealTimeProduced(), apt);
        Double quality = ratio(e.good(), pq);
        kpi.setPlannedOperationTimeMillis(e.plannedOperationTime())
                .setPlannedDownTimeMillis(e.time(TimeBucket.PDOT))
                .setPlannedBusyTimeMillis(pbt)
                .setActualProductionTimeMillis(apt)
                .setActualSetupTimeMillis(asut)
                .setActualUnitDelayTimeMillis(adet)
                .setActualUnitDownTimeMillis(e.time(TimeBucket.ADOT))
                .setNoDataTimeMillis(e.time(TimeBucket.NO_DATA))
                .setMinorStopTimeMillis(e.minorStopTime())
                .setMinorStopCount(e.minorStopCount())
                .setProducedQuantity(pq)
                .setGoodQuantity(e.good())
                .setScrapQuantity(e.scrap())
                .setReworkQuantity(e.rework())
                .setIdealTimeProducedMillis(e.idealTimeProduced())
                .setIdealTimeGoodMillis(e.idealTimeGood())
                .setFailureEvents(fe)
                .setFaultTimeMillis(e.faultTime())
                .setAvailability(ratio(apt, pbt))
                .setPerformance(performance)
                .setQuality(quality)
                .setOee(ratio(e.idealTimeGood(), pbt))
                .setPerformanceImplausible(performance != null && performance > 1.0)
                .setNee(nee(apt + asut, pbt, performance, quality))
                .setTechnicalEfficiency(ratio(apt, apt + adet))
                .setSetupRate(ratio(asut, asut + apt))
                .setScrapRatio(ratio(e.scrap(), pq))
                .setReworkRatio(ratio(e.rework(), pq))
                .setMtbfMillis(ratio(apt, fe))
                .setMttrMillis(ratio(e.faultTime(), fe))
                .setDataGap(e.time(TimeBucket.NO_DATA) > 0);
    }

    /** The elements an OeeKpi carries (for roll-ups, which add their members' records). */
    public static Elements elementsOf(OeeKpi kpi) {
        Elements e = new Elements();
        e.addTime(TimeBucket.PDOT, kpi.getPlannedDownTimeMillis());
        e.addTime(TimeBucket.APT, kpi.getActualProductionTimeMillis());
        e.addTime(TimeBucket.ASUT, kpi.getActualSetupTimeMillis());
        e.addTime(TimeBucket.ADET, kpi.getActualUnitDelayTimeMillis());
        e.addTime(TimeBucket.ADOT, kpi.getActualUnitDownTimeMillis());
        e.addTime(TimeBucket.NO_DATA, kpi.getNoDataTimeMillis());
        e.addMinorStopTime(kpi.getMinorStopTimeMillis());
        e.addMinorStops(kpi.getMinorStopCount());
        e.addFaultTime(kpi.getFaultTimeMillis());
        e.addFailureEvents(kpi.getFailureEvents());
        e.addQuantities(kpi.getGoodQuantity(), kpi.getScrapQuantity(), kpi.getReworkQuantity(), 0.0);
        e.addIdealTimes(kpi.getIdealTimeProducedMillis(), kpi.getIdealTimeGoodMillis());
        return e;
    }

    private static Double nee(long aupt, long pbt, Double performance, Double quality) {
        if (pbt == 0 || performance == null || quality == null) {
            return null;
        }
        return (double) aupt / pbt * performance * quality;
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
