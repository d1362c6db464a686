package io.takt.acquisition.simulator.plant;

/**
 * PackML unit modes with their {@code UnitModeCurrent} numbers: 1–3 as ISA-TR88.00.02 fixes them,
 * 4 the change-over mode of the OMAC PackML implementation guide.
 */
public enum PackMlMode {
    PRODUCTION(1),
    MAINTENANCE(2),
    MANUAL(3),
    CHANGEOVER(4);

    private final int code;

    PackMlMode(int code) {
        this.code = code;
    }

    /** The number on the wire ({@code UnitModeCurrent}). */
    public int code() {
        return code;
    }
}
