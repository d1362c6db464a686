package io.takt.acquisition.simulator.plant;

/**
 * One timed state of a stop or restart sequence.
 *
 * @param appliesChangeover whether entering this step switches the machine to the line's new work order
 */
record Step(PackMlState state, PackMlMode mode, ReasonCode reason, long millis, boolean appliesChangeover) {

    static Step of(PackMlState state, ReasonCode reason, long millis) {
        return new Step(state, PackMlMode.PRODUCTION, reason, millis, false);
    }
}
