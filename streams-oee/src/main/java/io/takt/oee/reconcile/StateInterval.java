package io.takt.oee.reconcile;

import io.takt.schemas.MachineState;

/**
 * One stretch of a machine in one state.
 *
 * @param start epoch millis, inclusive
 * @param end   epoch millis, exclusive: the next state event, or the machine's clock for the open one
 * @param state the state held
 * @param open  true for the machine's last interval, whose real end is not known yet
 */
record StateInterval(long start, long end, MachineState state, boolean open) {

    long length() {
        return end - start;
    }
}
