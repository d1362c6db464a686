package io.takt.oee.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;

/** Turns a machine's state events into intervals, as the README's "Intervals" paragraph says. */
final class StateTimeline {

    private StateTimeline() {
    }

    /**
     * The intervals of one machine.
     *
     * @param inReadOrder the machine's state events in the order they were read
     * @param clock       the machine's clock: where the open last interval ends for now
     */
    static List<StateInterval> intervals(List<MachineStateChanged> inReadOrder, long clock) {
        // Same timestamp: the event read later replaces the earlier one, so a map keyed by time does it.
        TreeMap<Long, MachineState> byTime = new TreeMap<>();
        for (MachineStateChanged event : inReadOrder) {
            byTime.put(event.getSourceTimestamp().toEpochMilli(), event.getState());
        }
        List<StateInterval> intervals = new ArrayList<>();
        Long start = null;
        MachineState state = null;
        for (Map.Entry<Long, MachineState> change : byTime.entrySet()) {
            if (change.getValue() == state) {
                continue; // same state: only the reason changes, not the interval
            }
            if (start != null) {
                intervals.add(new StateInterval(start, change.getKey(), state, false));
            }
            start = change.getKey();
            state = change.getValue();
        }
        if (start != null && clock > start) {
            intervals.add(new StateInterval(start, clock, state, true));
        }
        return intervals;
    }
}
