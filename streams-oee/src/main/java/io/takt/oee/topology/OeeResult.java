package io.takt.oee.topology;

/**
 * One result of the machine processor on its way to a topic: which output it is for and the
 * record (null for a downtime tombstone).
 */
record OeeResult(Channel channel, Object value) {

    enum Channel {
        /** A window record of a machine (OeeKpi), to the oee topic. */
        WINDOW,
        /** A machine's shift-so-far record (OeeKpi), to the live topic. */
        LIVE,
        /** A stop (DowntimeEvent) or its tombstone, to the downtime topic. */
        DOWNTIME,
        /** A member's figures ({@link RollupMember}) on their way to a line, area or site roll-up. */
        ROLLUP
    }
}
