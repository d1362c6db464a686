package io.takt.acquisition.tagmap;

import io.takt.schemas.MachineState;

/**
 * What one raw state value means.
 *
 * @param state      the Takt state
 * @param reasonCode a reason implied by the raw value itself (a vendor code like {@code E-STOP}), or null
 */
public record StateTarget(MachineState state, String reasonCode) {

    public static final StateTarget UNMAPPED = new StateTarget(MachineState.UNKNOWN, null);
}
