package io.takt.oee.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityResult;

/**
 * The raw events of one machine, each list in the order read.
 *
 * @param equipmentId the machine
 * @param equipment   where it sits (from any of its events naming it); null if only quality results name it by id
 */
public record MachineEvents(String equipmentId, EquipmentRef equipment, List<MachineStateChanged> states,
        List<ProductionCount> counts, List<QualityResult> qualityResults) {

    /** The newest {@code sourceTimestamp} of its state, count and quality events; its clock. */
    public long clock() {
        return Stream.of(states.stream().map(MachineStateChanged::getSourceTimestamp),
                        counts.stream().map(ProductionCount::getSourceTimestamp),
                        qualityResults.stream().map(QualityResult::getSourceTimestamp))
                .flatMap(s -> s)
                .mapToLong(java.time.Instant::toEpochMilli)
                .max()
                .orElse(Long.MIN_VALUE);
    }

    /**
     * Groups events by machine: state and count events by {@code equipment.id}, quality results by
     * {@code producedOn}, else {@code equipment.id}; results naming no machine are dropped.
     */
    public static List<MachineEvents> byMachine(List<MachineStateChanged> states, List<ProductionCount> counts,
            List<QualityResult> qualityResults) {
        Map<String, Builder> machines = new LinkedHashMap<>();
        states.forEach(e -> machine(machines, e.getEquipment().getId(), e.getEquipment()).states.add(e));
        counts.forEach(e -> machine(machines, e.getEquipment().getId(), e.getEquipment()).counts.add(e));
        for (QualityResult result : qualityResults) {
            String producer = producerOf(result);
            if (producer != null) {
                EquipmentRef named = result.getEquipment() != null
                        && producer.equals(result.getEquipment().getId()) ? result.getEquipment() : null;
                machine(machines, producer, named).qualityResults.add(result);
            }
        }
        return machines.values().stream().map(Builder::build).toList();
    }

    /** The machine that produced the inspected units, or null when the result names none. */
    static String producerOf(QualityResult result) {
        if (result.getProducedOn() != null) {
            return result.getProducedOn();
        }
        return result.getEquipment() == null ? null : result.getEquipment().getId();
    }

    private static Builder machine(Map<String, Builder> machines, String id, EquipmentRef ref) {
        Builder builder = machines.computeIfAbsent(id, Builder::new);
        if (builder.equipment == null) {
            builder.equipment = ref;
        }
        return builder;
    }

    private static final class Builder {
        private final String id;
        private EquipmentRef equipment;
        private final List<MachineStateChanged> states = new ArrayList<>();
        private final List<ProductionCount> counts = new ArrayList<>();
        private final List<QualityResult> qualityResults = new ArrayList<>();

        Builder(String id) {
            this.id = id;
        }

        MachineEvents build() {
            return new MachineEvents(id, equipment, states, counts, qualityResults);
        }
    }
}
