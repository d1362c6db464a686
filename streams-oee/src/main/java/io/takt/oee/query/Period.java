package io.takt.oee.query;

import java.time.Instant;

/** A half-open period [from, to) a query covers. */
record Period(Instant from, Instant to) {

    long fromMillis() {
        return from.toEpochMilli();
    }

    long toMillis() {
        return to.toEpochMilli();
    }

    /** Whether {@code millis} lies in [from, to). */
    boolean holds(long millis) {
        return millis >= fromMillis() && millis < toMillis();
    }

    /** How much of [start, end) lies in the period, ms. */
    long overlapMillis(long start, long end) {
        return Math.max(0, Math.min(end, toMillis()) - Math.max(start, fromMillis()));
    }

    String toQuery() {
        return "from=" + from + "&to=" + to;
    }
}
