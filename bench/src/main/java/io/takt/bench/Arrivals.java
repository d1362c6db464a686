package io.takt.bench;

import org.HdrHistogram.Histogram;

/**
 * What one reader (the baseline consumer, or one SSE viewer) received of a run's records: the
 * latency of each timed record from its send, and when the records it waits for (a watched range:
 * all of them, or each equipment's last) had all arrived. Each record number counts once, as a
 * reader receives it once.
 */
final class Arrivals {

    private SendTimes times = new SendTimes(0, 0);
    private long watchFrom;
    private long watchTo;
    private Histogram latency = Measurement.newLatencyHistogram();
    private long received;
    private long watched;
    private long completeNanos;

    /** Starts a run: forget what arrived before; time against {@code times}; wait for {@code [from, to)}. */
    synchronized void expect(SendTimes sendTimes, long from, long to) {
        times = sendTimes;
        watchFrom = from;
        watchTo = to;
        latency = Measurement.newLatencyHistogram();
        received = 0;
        watched = 0;
        completeNanos = 0;
    }

    /** Record {@code n} arrived at {@code nanos}; -1 for a record of no plant (ignored). */
    synchronized void arrived(long n, long nanos) {
        if (n < 0) {
            return;
        }
        long sent = times.sentAt(n);
        if (sent != SendTimes.NONE) {
            latency.recordValue(Math.max(0, nanos - sent));
        }
        received++;
        if (n >= watchFrom && n < watchTo && ++watched == watchTo - watchFrom) {
            completeNanos = nanos;
        }
    }

    /** Whether every watched record has arrived. */
    synchronized boolean complete() {
        return watchTo > watchFrom && watched == watchTo - watchFrom;
    }

    /** When the last watched record arrived ({@link System#nanoTime()}); 0 before. */
    synchronized long completeNanos() {
        return completeNanos;
    }

    /** Records of the run received so far, timed or not. */
    synchronized long received() {
        return received;
    }

    /** Timed records received: one latency each. */
    synchronized long timed() {
        return latency.getTotalCount();
    }

    /** Adds this reader's latencies to {@code into}. */
    synchronized void addLatencyTo(Histogram into) {
        into.add(latency);
    }
}
