package io.takt.acquisition.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private static final Duration MAX_STEP = Duration.ofSeconds(5);

    private final Plant plant;
    private final double speed;
    private final ScheduledExecutorService clock;
    private Instant simulatedStart;
    private long wallStartNanos;
    private Duration step;
    private boolean warnedBehind;

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
        step = Duration.ofNanos((long) (tick.toNanos() * speed));
        clock.scheduleAtFixedRate(this::tick, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            // The plant keeps time in milliseconds; a finer target would never be reached.
            Instant wallTarget = simulatedStart.plusNanos((long) ((System.nanoTime() - wallStartNanos) * speed))
                    .truncatedTo(ChronoUnit.MILLIS);
            // At most two ticks' worth per tick: a plant too big for its speed then runs as fast as
            // it can, rather than chasing the wall clock in ever longer steps.
            Instant catchUpLimit = plant.now().plus(step.multipliedBy(2));
            Instant target = wallTarget.isBefore(catchUpLimit) ? wallTarget : catchUpLimit;
            // Short steps, so readers of the plant (and close()) never wait long for its lock.
            while (plant.now().isBefore(target)) {
                Instant next = plant.now().plus(MAX_STEP);
                plant.advanceTo(next.isBefore(target) ? next : target);
            }
            warnIfBehind(wallTarget);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and keep the plant moving.
            LOG.error("Plant simulation tick failed", e);
        }
    }

    private void warnIfBehind(Instant wallTarget) {
        Duration behind = Duration.between(plant.now(), wallTarget);
        if (!warnedBehind && behind.compareTo(step.multipliedBy(50)) > 0) {
            warnedBehind = true;
            LOG.warn("Plant simulation cannot keep up with {}x real time: {} s of simulated time behind; lower "
                    + "the speed or the machine count", speed, behind.toSeconds());
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
