package io.takt.oee.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.takt.schemas.OeeKpi;

/**
 * Field-by-field comparison of two records of one window: time elements, counts, flags and window
 * bounds exactly; ideal times and KPIs to {@value #RELATIVE_TOLERANCE} relative (summation order
 * may differ), and null only equals null.
 */
final class KpiComparison {

    static final double RELATIVE_TOLERANCE = 1e-9;

    private record Field(String name, Function<OeeKpi, Object> value, boolean approximate) {
    }

    private static final List<Field> FIELDS = List.of(
            exact("windowEnd", OeeKpi::getWindowEnd),
            exact("shiftId", OeeKpi::getShiftId),
            exact("plannedOperationTimeMillis", OeeKpi::getPlannedOperationTimeMillis),
            exact("plannedDownTimeMillis", OeeKpi::getPlannedDownTimeMillis),
            exact("plannedBusyTimeMillis", OeeKpi::getPlannedBusyTimeMillis),
            exact("actualProductionTimeMillis", OeeKpi::getActualProductionTimeMillis),
            exact("actualSetupTimeMillis", OeeKpi::getActualSetupTimeMillis),
            exact("actualUnitDelayTimeMillis", OeeKpi::getActualUnitDelayTimeMillis),
            exact("actualUnitDownTimeMillis", OeeKpi::getActualUnitDownTimeMillis),
            exact("noDataTimeMillis", OeeKpi::getNoDataTimeMillis),
            exact("minorStopTimeMillis", OeeKpi::getMinorStopTimeMillis),
            exact("minorStopCount", OeeKpi::getMinorStopCount),
            exact("minorStopPolicy", OeeKpi::getMinorStopPolicy),
            exact("producedQuantity", OeeKpi::getProducedQuantity),
            exact("goodQuantity", OeeKpi::getGoodQuantity),
            exact("scrapQuantity", OeeKpi::getScrapQuantity),
            exact("reworkQuantity", OeeKpi::getReworkQuantity),
            exact("failureEvents", OeeKpi::getFailureEvents),
            exact("faultTimeMillis", OeeKpi::getFaultTimeMillis),
            exact("members", OeeKpi::getMembers),
            exact("dataGap", OeeKpi::getDataGap),
            exact("performanceImplausible", OeeKpi::getPerformanceImplausible),
            close("idealTimeProducedMillis", OeeKpi::getIdealTimeProducedMillis),
            close("idealTimeGoodMillis", OeeKpi::getIdealTimeGoodMillis),
            close("availability", OeeKpi::getAvailability),
            close("performance", OeeKpi::getPerformance),
            close("quality", OeeKpi::getQuality),
            close("oee", OeeKpi::getOee),
            close("nee", OeeKpi::getNee),
            close("technicalEfficiency", OeeKpi::getTechnicalEfficiency),
            close("setupRate", OeeKpi::getSetupRate),
            close("scrapRatio", OeeKpi::getScrapRatio),
            close("reworkRatio", OeeKpi::getReworkRatio),
            close("mtbfMillis", OeeKpi::getMtbfMillis),
            close("mttrMillis", OeeKpi::getMttrMillis));

    private KpiComparison() {
    }

    /** The fields on which {@code stream} and {@code batch} differ, in schema order; empty if none. */
    static List<FieldDifference> differences(OeeKpi stream, OeeKpi batch) {
        List<FieldDifference> differences = new ArrayList<>();
        for (Field field : FIELDS) {
            Object published = field.value().apply(stream);
            Object recomputed = field.value().apply(batch);
            boolean same = field.approximate()
                    ? close((Double) published, (Double) recomputed)
                    : Objects.equals(published, recomputed);
            if (!same) {
                differences.add(new FieldDifference(field.name(), published, recomputed));
            }
        }
        return differences;
    }

    /** True when the window holds nothing: no time in any element and no units. */
    static boolean isEmpty(OeeKpi kpi) {
        return kpi.getPlannedOperationTimeMillis() == 0 && kpi.getProducedQuantity() == 0
                && kpi.getGoodQuantity() == 0 && kpi.getScrapQuantity() == 0 && kpi.getReworkQuantity() == 0
                && kpi.getMinorStopCount() == 0 && kpi.getFailureEvents() == 0
                && kpi.getIdealTimeProducedMillis() == 0 && kpi.getIdealTimeGoodMillis() == 0;
    }

    static boolean close(Double a, Double b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(b) || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    private static Field exact(String name, Function<OeeKpi, Object> value) {
        return new Field(name, value, false);
    }

    private static <T extends Number> Field close(String name, Function<OeeKpi, T> value) {
        return new Field(name, k -> value.apply(k) == null ? null : value.apply(k).doubleValue(), true);
    }
}
