package io.takt.oee.topology;

import java.util.List;

import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;

/** The line, area and site a machine adds up into: {@code site.area.line}, {@code site.area}, {@code site}. */
final class RollupIds {

    /** One roll-up a machine belongs to. */
    record Rollup(String id, EquipmentLevel level) {
    }

    private RollupIds() {
    }

    static List<Rollup> of(EquipmentRef ref) {
        String area = ref.getSite() + "." + ref.getArea();
        return List.of(new Rollup(area + "." + ref.getLine(), EquipmentLevel.LINE),
                new Rollup(area, EquipmentLevel.AREA), new Rollup(ref.getSite(), EquipmentLevel.SITE));
    }
}
