package io.takt.acquisition.gateway;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.takt.acquisition.simulator.plant.Plant;

/**
 * Stops a running simulator's plant between two steps and lets it go on later, while its OPC UA
 * server keeps serving the last values. A thread of its own holds the plant's lock: every public
 * {@link Plant} method is {@code synchronized}, the simulator's clock calling {@code advanceTo}
 * among them, so simulated time stands still until {@link #resume()}. The resilience tests pause
 * to let a gateway read its counters' baseline, and its last values, at an instant they know.
 *
 * <p>While paused, other threads calling the plant wait; so does {@code PlantSimulator.start()}.
 */
final class PlantPause implements AutoCloseable {

    private final Plant plant;
    private Thread holder;
    private CountDownLatch release;

    PlantPause(Plant plant) {
        this.plant = plant;
    }

    /** Pauses the plant; returns the simulated instant it stands at, every change up to it made. */
    synchronized Instant pause() throws InterruptedException {
        if (holder != null) {
            throw new IllegalStateException("already paused");
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Instant> at = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            synchronized (plant) {
                at.set(plant.now());
                held.countDown();
                awaitQuietly(go);
            }
        }, "plant-pause");
        thread.setDaemon(true);
        thread.start();
        if (!held.await(10, TimeUnit.SECONDS)) {
            go.countDown();
            throw new IllegalStateException("The plant's lock was not free within 10 s");
        }
        holder = thread;
        release = go;
        return at.get();
    }

    /** Lets simulated time run again (it catches up with the wall clock at up to twice its speed). */
    synchronized void resume() throws InterruptedException {
        if (holder == null) {
            throw new IllegalStateException("not paused");
        }
        release.countDown();
        holder.join(TimeUnit.SECONDS.toMillis(10));
        holder = null;
        release = null;
    }

    synchronized boolean paused() {
        return holder != null;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (holder != null) {
            resume();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
