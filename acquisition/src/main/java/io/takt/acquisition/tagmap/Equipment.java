package io.takt.acquisition.tagmap;

import io.takt.schemas.EquipmentRef;

/** A machine the gateway reports on: its stable id and its place in the ISA-95 hierarchy. */
public record Equipment(String id, String enterprise, String site, String area, String line, String workCell,
        String machine) {

    /** A fresh Avro reference (Avro records are mutable, so each event gets its own). */
    public EquipmentRef toRef() {
        return EquipmentRef.newBuilder()
                .setId(id)
                .setEnterprise(enterprise)
                .setSite(site)
                .setArea(area)
                .setLine(line)
                .setWorkCell(workCell)
                .setMachine(machine)
                .build();
    }
}
