package io.takt.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until Ctrl-C / SIGTERM, then closes what it started in
 * reverse order (e.g. the registry before the broker it writes to).
 */
final class RunUntilStopped {

    private static final Logger LOG = LoggerFactory.getLogger(RunUntilStopped.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Registers something to close on shutdown; returns it for chaining. */
    <T extends AutoCloseable> T closeOnExit(T resource) {
        started.push(resource);
        return resource;
    }

    /** Blocks until the JVM is asked to stop, then closes everything registered. */
    void await() throws InterruptedException {
        Thread hook = new Thread(this::closeAll, "takt-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
    }

    private void closeAll() {
        LOG.info("Stopping");
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {} cleanly: {}", resource, e.getMessage());
            }
        }
        stopped.countDown();
    }
}
