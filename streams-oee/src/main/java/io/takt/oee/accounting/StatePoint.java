package io.takt.oee.accounting;

import io.takt.schemas.MachineState;

/**
 * One state event of a machine as the ledger keeps it: the state holds from {@code at} until the
 * machine's next point with another state.
 *
 * @param reason reason code, null when none was given
 */
public record StatePoint(long at, MachineState state, String rawState, String reason) {
}
