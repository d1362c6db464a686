package io.takt.acquisition.tagmap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.takt.schemas.MachineState;

/**
 * Raw state values of one source (PackML state numbers or names, vendor codes) to Takt states.
 * Raw values are compared as text, with integers in their decimal form ({@code 0x12}, {@code 018}
 * and {@code 18} are the same key, matching a register that reads 18) and names case-insensitively.
 */
public final class StateMap {

    private final String name;
    private final Map<String, StateTarget> targets;

    private StateMap(String name, Map<String, StateTarget> targets) {
        this.name = name;
        this.targets = Map.copyOf(targets);
    }

    /** An explicit map, keys as written in the tag map. */
    public static StateMap of(String name, Map<String, StateTarget> rawToTarget) {
        Map<String, StateTarget> normalised = new LinkedHashMap<>();
        rawToTarget.forEach((raw, target) -> normalised.put(key(raw), target));
        return new StateMap(name, normalised);
    }

    /** A built-in map by name, e.g. {@code packml}. */
    public static Optional<StateMap> named(String name) {
        return PackMlStates.NAME.equals(name) ? Optional.of(PackMlStates.MAP) : Optional.empty();
    }

    public static List<String> builtInNames() {
        return List.of(PackMlStates.NAME);
    }

    /** What the raw value means, if the map knows it. */
    public Optional<StateTarget> lookup(String raw) {
        return Optional.ofNullable(targets.get(key(raw)));
    }

    /** {@code packml} for a built-in map, {@code explicit} for one written in the tag map. */
    public String name() {
        return name;
    }

    public int size() {
        return targets.size();
    }

    static String key(String raw) {
        String t = raw.trim();
        try {
            if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
                return Long.toString(Long.parseLong(t.substring(2), 16));
            }
            return Long.toString(Long.parseLong(t));
        } catch (NumberFormatException notAnInteger) {
            return t.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The PackML state model (ISA-TR88.00.02-2015 state numbers 0..17, also by name) mapped to the
     * ways ISO 22400 accounts time. Choices, where PackML does not say it directly:
     * <ul>
     * <li>Execute → RUNNING; Completing → RUNNING (the machine still finishes units of the order).</li>
     * <li>Held, Holding, Unholding → FAULT: PackML holds on an internal cause (a fault the operator
     *     clears), which is unplanned delay time; Aborting, Aborted and Clearing → FAULT likewise.</li>
     * <li>Suspended, Suspending, Unsuspending → MINOR_STOP: PackML suspends on an external cause
     *     (upstream starved, downstream blocked) while staying ready; a reason code refines it to
     *     STARVED or BLOCKED through the tag's {@code reason-states}.</li>
     * <li>Stopped, Stopping, Idle, Starting, Resetting, Complete → IDLE: available but not producing.</li>
     * <li>Undefined (0) → UNKNOWN.</li>
     * </ul>
     * Changeover and planned stops are modes in PackML, not states: see the mode tag's {@code setup-modes}.
     */
    private static final class PackMlStates {
        static final String NAME = "packml";
        static final StateMap MAP = build();

        private static StateMap build() {
            Map<String, StateTarget> m = new LinkedHashMap<>();
            put(m, 0, "Undefined", MachineState.UNKNOWN);
            put(m, 1, "Clearing", MachineState.FAULT);
            put(m, 2, "Stopped", MachineState.IDLE);
            put(m, 3, "Starting", MachineState.IDLE);
            put(m, 4, "Idle", MachineState.IDLE);
            put(m, 5, "Suspended", MachineState.MINOR_STOP);
            put(m, 6, "Execute", MachineState.RUNNING);
            put(m, 7, "Stopping", MachineState.IDLE);
            put(m, 8, "Aborting", MachineState.FAULT);
            put(m, 9, "Aborted", MachineState.FAULT);
            put(m, 10, "Holding", MachineState.FAULT);
            put(m, 11, "Held", MachineState.FAULT);
            put(m, 12, "Unholding", MachineState.FAULT);
            put(m, 13, "Suspending", MachineState.MINOR_STOP);
            put(m, 14, "Unsuspending", MachineState.MINOR_STOP);
            put(m, 15, "Resetting", MachineState.IDLE);
            put(m, 16, "Completing", MachineState.RUNNING);
            put(m, 17, "Complete", MachineState.IDLE);
            return StateMap.of(NAME, m);
        }

        private static void put(Map<String, StateTarget> m, int number, String name, MachineState state) {
            StateTarget target = new StateTarget(state, null);
            m.put(Integer.toString(number), target);
            m.put(name, target);
        }
    }
}
