package io.takt.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.kafka.EmbeddedKafkaBroker;

/**
 * The drain rate after an outage, with the gateway live: the broker is stopped while the gateway
 * goes on acquiring and buffering, then started again, and the backlog is timed back down to its
 * level before the outage while live events keep arriving behind it, as after a real outage.
 */
final class OutageDrain {

    /** The backlog counts as drained at or below this (or the level before the outage, if higher); less for small backlogs. */
    static final long DRAINED_AT = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(OutageDrain.class);

    /**
     * What the drain measured.
     *
     * @param outageNanos         broker stopped to started again
     * @param appendedInOutage    events the gateway appended meanwhile
     * @param backlog             undelivered events when the broker was started again
     * @param toFirstCommitNanos  broker start to the first commit
     * @param catchUpNanos        first commit to the backlog drained; -1 if it was not drained in time
     * @param deliveredInCatchUp  events committed from the first commit to the backlog drained (live ones included)
     * @param drainedAt           the backlog level that counted as drained
     * @param left                the backlog at the end (when not drained in time: what was left)
     */
    record Result(long outageNanos, double appendedInOutage, long backlog, long toFirstCommitNanos, long catchUpNanos,
                  double deliveredInCatchUp, long drainedAt, long left) {

        boolean drained() {
            return catchUpNanos >= 0;
        }

        /** Events committed per second while catching up, live events included. */
        double deliveredPerSecond() {
            return deliveredInCatchUp / (catchUpNanos / 1e9);
        }

        /** Backlog removed per second: how fast an outage's backlog goes away with live events coming in. */
        double netPerSecond() {
            return (backlog - left) / ((toFirstCommitNanos + catchUpNanos) / 1e9);
        }
    }

    private OutageDrain() {
    }

    static Result measure(GatewayRun gateway, EmbeddedKafkaBroker broker, Duration outage, Duration timeout)
            throws InterruptedException {
        long before = gateway.undelivered();
        double inBefore = gateway.eventsIn();
        long stopped = System.nanoTime();
        LOG.info("Drain: stopping the broker for {} s while the gateway buffers", outage.toSeconds());
        broker.stop();
        Thread.sleep(Math.max(0, outage.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)));
        long backlog = gateway.undelivered();
        // Back to the level before the outage; a small backlog (a tiny plant) has to go almost to zero.
        long drainedAt = Math.max(before, Math.min(DRAINED_AT, backlog / 20));
        double appended = gateway.eventsIn() - inBefore;
        double outBefore = gateway.eventsOut();
        long restart = System.nanoTime();
        broker.start();
        LOG.info("Drain: broker started again with {} events in the gateway's buffer", backlog);
        GatewayRun.awaitTrue(() -> gateway.eventsOut() > outBefore, timeout, "no commit after the broker restart");
        long firstCommit = System.nanoTime();
        double outAtFirst = gateway.eventsOut();
        long deadline = firstCommit + timeout.toNanos();
        long left = gateway.undelivered();
        while (left > drainedAt && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = gateway.undelivered();
        }
        long end = System.nanoTime();
        boolean drained = left <= drainedAt;
        return new Result(restart - stopped, appended, backlog, firstCommit - restart, drained ? end - firstCommit : -1,
                gateway.eventsOut() - outAtFirst, drainedAt, left);
    }
}
