package io.takt.acquisition.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.takt.acquisition.simulator.plant.Plant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a plant's simulated time along with the wall clock, {@code speed} times as fast: every tick
 * it advances the plant to {@code start + elapsed × speed}. What happens in the plant depends only
 * on simulated time, so ticks that come late change when changes are seen, never which.
 */
final class PlantDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlantDriver.class);
    private static final long SLOW_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Plant plant;
    private final double speed;
    private final ScheduledExecutorService clock;
    private Instant simulatedStart;
    private long wallStartNanos;
    private boolean warnedSlow;

    PlantDriver(Plant plant, double speed) {
        this.plant = plant;
        this.speed = speed;
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "plant-simulator-clock");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(Duration tick) {
        simulatedStart = plant.now();
        wallStartNanos = System.nanoTime();
        clock.scheduleAtFixedRate(this::tick, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            long began = System.nanoTime();
            long simulatedNanos = (long) ((began - wallStartNanos) * speed);
            plant.advanceTo(simulatedStart.plusNanos(simulatedNanos));
            long took = System.nanoTime() - began;
            if (took > SLOW_TICK_NANOS && !warnedSlow) {
                warnedSlow = true;
                LOG.warn("Plant simulation falls behind: one tick took {} ms; lower the speed or the machine count",
                        TimeUnit.NANOSECONDS.toMillis(took));
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and keep the plant moving.
            LOG.error("Plant simulation tick failed", e);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
