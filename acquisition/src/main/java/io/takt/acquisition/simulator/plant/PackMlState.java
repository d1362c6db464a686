package io.takt.acquisition.simulator.plant;

/**
 * PackML machine states with their PackTags {@code StateCurrent} numbers (ISA-TR88.00.02, PackTags
 * v3.0), as a PLC exposes them.
 */
public enum PackMlState {
    UNDEFINED(0),
    CLEARING(1),
    STOPPED(2),
    STARTING(3),
    IDLE(4),
    SUSPENDED(5),
    EXECUTE(6),
    STOPPING(7),
    ABORTING(8),
    ABORTED(9),
    HOLDING(10),
    HELD(11),
    UNHOLDING(12),
    SUSPENDING(13),
    UNSUSPENDING(14),
    RESETTING(15),
    COMPLETING(16),
    COMPLETE(17);

    private final int code;

    PackMlState(int code) {
        this.code = code;
    }

    /** The number on the wire ({@code StateCurrent}). */
    public int code() {
        return code;
    }

    /** The state for a PackTags number; throws for a number PackML does not define. */
    public static PackMlState ofCode(int code) {
        for (PackMlState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("No PackML state has number " + code);
    }
}
