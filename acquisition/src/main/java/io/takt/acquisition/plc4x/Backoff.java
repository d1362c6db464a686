package io.takt.acquisition.plc4x;

import java.time.Duration;

/** Capped exponential delay between reconnect attempts: initial, 2x, 4x, ... up to the cap. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the cap. */
    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current.compareTo(max) > 0 ? max : current;
    }

    /** After a successful connection: start from the initial delay again. */
    void reset() {
        next = initial;
    }
}
