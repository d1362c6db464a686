package io.takt.acquisition.delivery;

import java.time.Duration;

/** Capped exponential backoff: the initial pause, doubled after each failure up to the cap, reset on success. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The pause before the next attempt. */
    Duration next() {
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return pause;
    }

    void reset() {
        next = initial;
    }

    Duration max() {
        return max;
    }
}
