package io.takt.oee;

import io.takt.schemas.WindowKind;

/**
 * Names and key formats of the state stores interactive queries read. Every key starts with the
 * equipment id (a machine id, or a line/area/site roll-up id) followed by {@code '|'}, and every
 * store is partitioned by that equipment id alone ({@link EquipmentPartitioner}), so one
 * equipment's records live on one instance and a prefix scan lists them in time order.
 */
public final class OeeStores {

    /** Window KPIs: key {@link #kpiKey}, value {@code OeeKpi}; machines and roll-ups alike. */
    public static final String KPI = "oee-kpi";
    /** Shift-so-far KPI: key equipment id, value {@code OeeKpi}. */
    public static final String LIVE = "oee-live";
    /** Stops: key {@link #downtimeKey}, value {@code DowntimeEvent}; machines only. */
    public static final String DOWNTIME = "oee-downtime";

    /** Separates the equipment id from the rest of a key; never part of an equipment id. */
    public static final char SEPARATOR = '|';

    private static final int TIME_DIGITS = 13;

    private OeeStores() {
    }

    /** {@code press3|HOUR|1764050400000}: start as 13 zero-padded digits, so keys sort by time. */
    public static String kpiKey(String equipmentId, WindowKind kind, long windowStartMillis) {
        return equipmentId + SEPARATOR + kind.name() + SEPARATOR + time(windowStartMillis);
    }

    /** The first key of an equipment's windows of one kind, for range scans. */
    public static String kpiPrefix(String equipmentId, WindowKind kind) {
        return equipmentId + SEPARATOR + kind.name() + SEPARATOR;
    }

    /** {@code press3|1764050400000}. */
    public static String downtimeKey(String equipmentId, long startMillis) {
        return equipmentId + SEPARATOR + time(startMillis);
    }

    /** The first key of an equipment's stops, for range scans. */
    public static String downtimePrefix(String equipmentId) {
        return equipmentId + SEPARATOR;
    }

    /** The equipment id a key belongs to (the whole key when it has no separator). */
    public static String equipmentOf(String key) {
        int end = key.indexOf(SEPARATOR);
        return end < 0 ? key : key.substring(0, end);
    }

    private static String time(long millis) {
        String digits = Long.toString(millis);
        return "0".repeat(Math.max(0, TIME_DIGITS - digits.length())) + digits;
    }
}
