package io.takt.acquisition.simulator.plant;

import java.time.Instant;

/**
 * The plant's own time: it moves only when the plant is advanced, never with the wall clock, so a
 * run is the same however fast or slow it is driven. Millisecond resolution.
 */
public final class SimulatedClock {

    private long epochMillis;

    SimulatedClock(Instant start) {
        this.epochMillis = start.toEpochMilli();
    }

    public Instant now() {
        return Instant.ofEpochMilli(epochMillis);
    }

    long millis() {
        return epochMillis;
    }

    void set(long millis) {
        if (millis < epochMillis) {
            throw new IllegalStateException("Simulated time cannot go back from " + now() + " to "
                    + Instant.ofEpochMilli(millis));
        }
        epochMillis = millis;
    }
}
