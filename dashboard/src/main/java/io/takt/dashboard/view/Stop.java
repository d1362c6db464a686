package io.takt.dashboard.view;

import io.takt.schemas.DowntimeEvent;

/**
 * One stop of a machine from the downtime topic. {@code key} is the topic's record key
 * ({@code equipment|start}); {@code end} is null while the machine is still stopped, and then
 * {@code durationMillis} is the length so far. DowntimeEvent carries a reason code but no reason
 * text, so the code is what the dashboard shows.
 */
public record Stop(String key, String equipmentId, String line, String machine, String state, String reasonCode,
                   long start, Long end, long durationMillis, boolean minorStop) {

    static Stop of(String key, DowntimeEvent event) {
        return new Stop(key, event.getEquipment().getId(), event.getEquipment().getLine(),
                event.getEquipment().getMachine(), event.getState().name(), event.getReasonCode(),
                event.getStart().toEpochMilli(), event.getEnd() == null ? null : event.getEnd().toEpochMilli(),
                event.getDurationMillis(), event.getMinorStop());
    }

    /** What the Pareto groups by: the reason code, or for a stop without one its state. */
    String reason() {
        return reasonCode != null && !reasonCode.isBlank() ? reasonCode : "no reason (" + state + ")";
    }
}
