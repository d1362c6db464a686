package io.takt.oee.topology;

import java.util.List;

import io.takt.schemas.EquipmentRef;

/** The ids of the line, area and site a machine adds up into: {@code site.area.line}, {@code site.area}, {@code site}. */
final class RollupIds {

    private RollupIds() {
    }

    static List<String> of(EquipmentRef ref) {
        String area = ref.getSite() + "." + ref.getArea();
        return List.of(area + "." + ref.getLine(), area, ref.getSite());
    }
}
