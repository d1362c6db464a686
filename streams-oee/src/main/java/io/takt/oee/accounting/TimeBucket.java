package io.takt.oee.accounting;

/** The ISO 22400 time element a stretch of planned time is accounted to. */
public enum TimeBucket {
    /** Actual production time. */
    APT,
    /** Actual setup time. */
    ASUT,
    /** Actual unit delay time: failures, and minor stops under the strict ISO reading. */
    ADET,
    /** Actual unit down time: idle, starved, blocked. */
    ADOT,
    /** Planned busy time without a usable machine state. */
    NO_DATA,
    /** Planned down time: breaks, planned stops, state PLANNED_STOP. */
    PDOT
}
