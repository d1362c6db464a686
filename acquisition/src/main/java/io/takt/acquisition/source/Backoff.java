package io.takt.acquisition.source;

import java.time.Duration;

/**
 * Capped exponential delay between attempts to reach something that went away (a PLC, Kafka):
 * initial, 2x, 4x, ... up to the cap, and back to the initial delay after a success.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the cap. */
    public Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current.compareTo(max) > 0 ? max : current;
    }

    /** After a success: start from the initial delay again. */
    public void reset() {
        next = initial;
    }

    /** The cap, for log messages. */
    public Duration max() {
        return max;
    }
}
