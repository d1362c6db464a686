package io.takt.dashboard.view;

import java.time.Instant;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.OeeKpi;

/**
 * The live (shift so far) OEE of one machine, line, area or site as the dashboard shows it. The
 * ratios are the record's own numbers, unrounded; {@code null} where the record has none (e.g. no
 * planned busy time yet, so no availability).
 */
public record EquipmentOee(String id, String level, String area, String line, String machine, Double oee,
                           Double availability, Double performance, Double quality, long shiftStart, long shiftEnd,
                           long accountedUntil, long goodQuantity, long producedQuantity, String currentState,
                           Long currentStateSince, boolean dataGap, boolean performanceImplausible, int members) {

    static EquipmentOee of(OeeKpi kpi) {
        EquipmentRef place = kpi.getEquipment();
        return new EquipmentOee(kpi.getEquipmentId(), kpi.getLevel().name(),
                place == null ? null : place.getArea(), place == null ? null : place.getLine(),
                place == null ? null : place.getMachine(), kpi.getOee(), kpi.getAvailability(),
                kpi.getPerformance(), kpi.getQuality(), kpi.getWindowStart().toEpochMilli(),
                kpi.getWindowEnd().toEpochMilli(), kpi.getAccountedUntil().toEpochMilli(), kpi.getGoodQuantity(),
                kpi.getProducedQuantity(), kpi.getCurrentState() == null ? null : kpi.getCurrentState().name(),
                millis(kpi.getCurrentStateSince()), kpi.getDataGap(), kpi.getPerformanceImplausible(),
                kpi.getMembers());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
