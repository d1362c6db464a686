package io.takt.oee.topology;

import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.takt.oee.accounting.Elements;
import io.takt.oee.accounting.KpiRecords;
import io.takt.oee.accounting.WindowRef;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowStatus;

/**
 * What a roll-up takes from one member's record: the member's window, elements, how far it is
 * accounted and whether it is final, and the level of the roll-up it goes to. On the roll-up
 * repartition topic in this app's own binary form: every machine window goes to its line, area and
 * site, and an OeeKpi in Avro would be written and read three times for the few figures used.
 *
 * @param level the level of the roll-up this is for (LINE, AREA or SITE)
 * @param slot  the member's figures; its members count is 1 for a machine, more for a task's partial
 */
record RollupMember(EquipmentLevel level, RollupSlot slot) {

    private static final EquipmentLevel[] LEVELS = EquipmentLevel.values();

    /** A machine's window record as one member's figures, the same for its line, area and site. */
    static RollupSlot figuresOf(OeeKpi kpi) {
        WindowRef window = new WindowRef(kpi.getWindowKind(), kpi.getWindowStart().toEpochMilli(),
                kpi.getWindowEnd().toEpochMilli(), kpi.getShiftId());
        return figures(window, KpiRecords.elementsOf(kpi), kpi.getAccountedUntil().toEpochMilli(), 1,
                kpi.getStatus() == WindowStatus.FINAL);
    }

    /** The figures of {@code members} members, all final or none. */
    static RollupSlot figures(WindowRef window, Elements elements, long accountedUntil, int members,
                              boolean isFinal) {
        return new RollupSlot(window, elements, accountedUntil, members, isFinal ? members : 0);
    }

    boolean isFinal() {
        return slot.finals() == slot.members();
    }

    /** The repartition topic's value serde: a level byte, then the slot as the roll-up stores keep it. */
    static Serde<RollupMember> serde() {
        return Serdes.serdeFrom((topic, member) -> {
            byte[] slot = member.slot().encode();
            byte[] bytes = new byte[slot.length + 1];
            bytes[0] = (byte) member.level().ordinal();
            System.arraycopy(slot, 0, bytes, 1, slot.length);
            return bytes;
        }, (topic, bytes) -> {
            if (bytes == null || bytes.length < 2 || bytes[0] < 0 || bytes[0] >= LEVELS.length) {
                throw new SerializationException("Not a roll-up member record");
            }
            return new RollupMember(LEVELS[bytes[0]], RollupSlot.decode(Arrays.copyOfRange(bytes, 1, bytes.length)));
        });
    }
}
