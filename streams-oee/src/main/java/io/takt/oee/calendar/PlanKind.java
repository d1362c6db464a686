package io.takt.oee.calendar;

/** What the shift calendar plans for a stretch of time, in ISO 22400 terms. */
public enum PlanKind {
    /** Outside every shift, or on a holiday: not planned, not part of POT; no time element counts it. */
    UNPLANNED,
    /** Inside a shift, in a break or a planned stop: PDOT, whatever the machine does. */
    PLANNED_DOWN,
    /** Inside a shift and not planned down: PBT; the machine's state decides the element. */
    PLANNED_BUSY
}
