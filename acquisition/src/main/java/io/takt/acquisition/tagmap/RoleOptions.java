package io.takt.acquisition.tagmap;

import java.util.Map;
import java.util.Set;

import io.takt.schemas.MachineState;

/** The settings a tag has because of its role. */
public sealed interface RoleOptions {

    /** Roles without settings: product, work-order, reason, attribute. */
    record None() implements RoleOptions {
    }

    /**
     * A state tag.
     *
     * @param states       raw value → Takt state
     * @param reasonStates reason code → the state a stop with that reason really is (e.g. a PackML
     *                     Suspended with reason 'no material' is STARVED); applies to every mapped
     *                     state except RUNNING and UNKNOWN
     */
    record State(StateMap states, Map<String, MachineState> reasonStates) implements RoleOptions {
        public State {
            reasonStates = Map.copyOf(reasonStates);
        }
    }

    /**
     * A mode tag.
     *
     * @param setupModes raw modes (e.g. PackML ChangeOver) in which any state but FAULT and UNKNOWN is SETUP
     */
    record Mode(Set<String> setupModes) implements RoleOptions {
        public Mode {
            setupModes = Set.copyOf(setupModes);
        }
    }

    /**
     * A good, reject or rework counter: a monotonic total the mapper turns into increments.
     *
     * @param modulus         the value at which the counter wraps to 0 (65536 for 16 bits); 0 when it never wraps
     * @param maxIncrement    the largest wrap distance taken as a rollover rather than a reset
     * @param countFirstValue whether the first total after start counts as made since zero
     */
    record Counter(long modulus, long maxIncrement, boolean countFirstValue) implements RoleOptions {
    }

    /**
     * A lot-in or lot-out tag: its value is the lot id scanned.
     *
     * @param material    fixed material id, or null when {@code materialTag} gives it
     * @param materialTag address of a tag of the same source holding the material id, or null
     * @param quantity    fixed quantity, used when {@code quantityTag} is null
     * @param quantityTag address of a tag of the same source holding the quantity, or null
     * @param uom         unit of the quantity
     * @param emitFirst   whether the first lot seen after start is a movement (else it is taken as already booked)
     */
    record Lot(String material, String materialTag, double quantity, String quantityTag, String uom,
            boolean emitFirst) implements RoleOptions {
    }

    /**
     * A quality measurement (number) or check (boolean, true = pass).
     *
     * @param characteristic what is measured, as named in the inspection plan
     * @param lower          lower limit, inclusive, or null
     * @param upper          upper limit, inclusive, or null
     * @param uom            unit of the value and limits, or null
     * @param lotTag         address of a tag of the same source holding the lot id; null to use the
     *                       equipment's current lot (last lot-out, else last lot-in)
     * @param emitFirst      whether the first value seen after start is a result
     */
    record Quality(String characteristic, Double lower, Double upper, String uom, String lotTag, boolean emitFirst)
            implements RoleOptions {
    }
}
