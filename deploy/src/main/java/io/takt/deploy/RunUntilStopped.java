package io.takt.deploy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until Ctrl-C / SIGTERM (or a time limit), then closes what it
 * started in reverse order (e.g. the registry before the broker it writes to).
 */
final class RunUntilStopped {

    private static final Logger LOG = LoggerFactory.getLogger(RunUntilStopped.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Registers something to close on shutdown; returns it for chaining. */
    <T extends AutoCloseable> T closeOnExit(T resource) {
        synchronized (started) {
            started.push(resource);
        }
        return resource;
    }

    /** Blocks until the JVM is asked to stop, then closes everything registered. */
    void await() throws InterruptedException {
        await(null);
    }

    /** As {@link #await()}, but stops by itself after {@code limit} when it is not null. */
    void await(Duration limit) throws InterruptedException {
        Thread hook = new Thread(this::closeAll, "takt-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (limit == null) {
            stopped.await();
        } else if (!stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            closeAll();
        }
    }

    /** Closes everything started so far, newest first; safe to call more than once. */
    void closeAll() {
        synchronized (started) {
            if (!started.isEmpty()) {
                LOG.info("Stopping");
            }
            while (!started.isEmpty()) {
                AutoCloseable resource = started.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("Could not close {} cleanly: {}", resource, e.getMessage());
                }
            }
        }
        stopped.countDown();
    }
}
