package io.takt.dashboard.view;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineStateChanged;

/** A machine's current state and where it stands (area, line, work cell), from its latest state change. */
public record MachineStatus(String id, String area, String line, String workCell, String machine, String state,
                            String rawState, String reasonCode, long since) {

    static MachineStatus of(MachineStateChanged change) {
        EquipmentRef place = change.getEquipment();
        return new MachineStatus(place.getId(), place.getArea(), place.getLine(), place.getWorkCell(),
                place.getMachine(), change.getState().name(), change.getRawState(), change.getReasonCode(),
                change.getSourceTimestamp().toEpochMilli());
    }
}
