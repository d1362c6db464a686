package io.takt.acquisition.simulator.plant;

import java.util.ArrayList;
import java.util.List;

/**
 * The PackML state sequences a machine walks through for each kind of stop, with plausible
 * durations for the transient (acting) states.
 */
final class StopSequences {

    static final long STOPPING_MILLIS = 2_000;
    static final long RESETTING_MILLIS = 2_000;
    static final long IDLE_MILLIS = 1_000;
    static final long STARTING_MILLIS = 3_000;
    static final long HOLDING_MILLIS = 2_000;
    static final long UNHOLDING_MILLIS = 2_000;
    static final long ABORTING_MILLIS = 1_000;
    static final long CLEARING_MILLIS = 5_000;
    static final long STOPPED_AFTER_ABORT_MILLIS = 2_000;

    private StopSequences() {
    }

    /** Stopped → Resetting → Idle → Starting, after which the machine executes. */
    static List<Step> restart() {
        return List.of(
                Step.of(PackMlState.RESETTING, ReasonCode.NONE, RESETTING_MILLIS),
                Step.of(PackMlState.IDLE, ReasonCode.NONE, IDLE_MILLIS),
                Step.of(PackMlState.STARTING, ReasonCode.NONE, STARTING_MILLIS));
    }

    /** Stopping → Stopped until the break ends → restart. */
    static List<Step> plannedBreak(PackMlState current, long untilMillis, long now) {
        List<Step> steps = new ArrayList<>();
        long stopping = current == PackMlState.STOPPED ? 0 : STOPPING_MILLIS;
        if (stopping > 0) {
            steps.add(Step.of(PackMlState.STOPPING, ReasonCode.PLANNED_BREAK, stopping));
        }
        steps.add(Step.of(PackMlState.STOPPED, ReasonCode.PLANNED_BREAK, Math.max(0, untilMillis - now - stopping)));
        steps.addAll(restart());
        return steps;
    }

    /** Stopping → Stopped in change-over mode (new product and order) → restart in production. */
    static List<Step> changeover(PackMlState current, long millis) {
        List<Step> steps = new ArrayList<>();
        if (current != PackMlState.STOPPED) {
            steps.add(Step.of(PackMlState.STOPPING, ReasonCode.CHANGEOVER, STOPPING_MILLIS));
        }
        steps.add(new Step(PackMlState.STOPPED, PackMlMode.CHANGEOVER, ReasonCode.CHANGEOVER, millis, true));
        steps.addAll(restart());
        return steps;
    }

    /** A fault the operator can fix in place: Holding → Held for the repair → Unholding. */
    static List<Step> heldFault(ReasonCode reason, long repairMillis) {
        return List.of(
                Step.of(PackMlState.HOLDING, reason, HOLDING_MILLIS),
                Step.of(PackMlState.HELD, reason, repairMillis),
                Step.of(PackMlState.UNHOLDING, reason, UNHOLDING_MILLIS));
    }

    /** A severe fault: Aborting → Aborted for the repair → Clearing → Stopped → restart. */
    static List<Step> abortedFault(ReasonCode reason, long repairMillis) {
        List<Step> steps = new ArrayList<>(List.of(
                Step.of(PackMlState.ABORTING, reason, ABORTING_MILLIS),
                Step.of(PackMlState.ABORTED, reason, repairMillis),
                Step.of(PackMlState.CLEARING, reason, CLEARING_MILLIS),
                Step.of(PackMlState.STOPPED, reason, STOPPED_AFTER_ABORT_MILLIS)));
        steps.addAll(restart());
        return steps;
    }

    static List<Step> fault(ReasonCode reason, long repairMillis) {
        return reason.kind() == ReasonCode.Kind.FAULT_ABORTED
                ? abortedFault(reason, repairMillis) : heldFault(reason, repairMillis);
    }

    /** A short stop (jam, misread): Suspended for a few seconds. */
    static List<Step> microStop(ReasonCode reason, long millis) {
        return List.of(Step.of(PackMlState.SUSPENDED, reason, millis));
    }
}
