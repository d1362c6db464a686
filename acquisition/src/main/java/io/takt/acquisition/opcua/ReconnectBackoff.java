package io.takt.acquisition.opcua;

import java.time.Duration;

/** Capped exponential backoff: min, 2·min, 4·min, … up to max, and back to min after a success. */
final class ReconnectBackoff {

    private final Duration min;
    private final Duration max;
    private Duration next;

    ReconnectBackoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, not " + min + ".." + max);
        }
        this.min = min;
        this.max = max;
        this.next = min;
    }

    /** The wait before the next attempt; each call doubles the one after, up to max. */
    synchronized Duration next() {
        Duration wait = next;
        next = wait.compareTo(max.dividedBy(2)) > 0 ? max : wait.multipliedBy(2);
        return wait;
    }

    /** After a success the next failure waits min again. */
    synchronized void reset() {
        next = min;
    }
}
