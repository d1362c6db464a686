package io.takt.deploy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a status print every interval on its own daemon thread, until closed. */
final class StatusTimer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusTimer.class);

    private final ScheduledExecutorService timer;

    StatusTimer(String threadName, Duration interval, Runnable print) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // A print that throws would silently end the schedule: log it and go on with the next.
        timer.scheduleAtFixedRate(() -> {
            try {
                print.run();
            } catch (RuntimeException e) {
                LOG.warn("Status line failed: {}", e.toString(), e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
