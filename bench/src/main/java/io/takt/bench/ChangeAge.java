package io.takt.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.takt.acquisition.simulator.plant.Plant;

/**
 * How long ago, in wall-clock time, the simulator made a change: its simulated-time age divided by
 * the speed. The simulator's source timestamps are simulated time, so this is the only way to time
 * a change from the moment it happened; it includes the OPC UA server's queue, the publishing
 * interval and the client's queue, which the gateway's own {@code receiveTimestamp} does not see.
 * Resolution: the simulator's tick (simulated time moves in 100 ms wall-clock steps).
 */
final class ChangeAge {

    private static final long CACHE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Plant plant;
    private final double speed;
    private final Recorder ages = new Recorder(MAX_NANOS, 3);
    // The plant's clock is behind its lock, which the simulation holds while it advances: read it
    // at most every 10 ms, not once per sample.
    private volatile Reading last;

    ChangeAge(Plant plant, double speed) {
        this.plant = plant;
        this.speed = speed;
    }

    /** Records the age of a change the simulator stamped {@code sourceTime}. */
    void record(Instant sourceTime) {
        long simulatedNanos = Duration.between(sourceTime, simulatedNow()).toNanos();
        long wallNanos = (long) (simulatedNanos / speed);
        ages.recordValue(Math.max(0, Math.min(wallNanos, MAX_NANOS)));
    }

    /** The ages recorded since the last call, in nanoseconds. */
    Histogram sinceLastCall() {
        return ages.getIntervalHistogram();
    }

    private Instant simulatedNow() {
        long now = System.nanoTime();
        Reading reading = last;
        if (reading == null || now - reading.atNanos() > CACHE_NANOS) {
            reading = new Reading(now, plant.now());
            last = reading;
        }
        return reading.simulated();
    }

    private record Reading(long atNanos, Instant simulated) {
    }
}
