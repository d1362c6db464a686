package io.takt.oee.accounting;

import io.takt.schemas.MachineState;

/**
 * A machine's stay in one state, [start, end). An open interval (the current state) has
 * {@code end == Long.MAX_VALUE}.
 *
 * @param reason the latest reason code given for the stay, null when none
 */
public record Interval(long start, long end, MachineState state, String rawState, String reason) {

    public static final long OPEN = Long.MAX_VALUE;

    public boolean isOpen() {
        return end == OPEN;
    }

    /** The same stay ending at {@code newEnd}. */
    public Interval endingAt(long newEnd) {
        return new Interval(start, newEnd, state, rawState, reason);
    }
}
