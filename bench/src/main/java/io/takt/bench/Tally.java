package io.takt.bench;

import java.lang.management.ManagementFactory;

/**
 * What the counters of a run said at one instant; the difference of two tallies is what a
 * measurement window saw.
 *
 * @param nanos       {@link System#nanoTime()} when read
 * @param offered     tag changes the simulator has made
 * @param samples     tag samples the source (bare or the gateway's) has delivered
 * @param eventsIn    events appended to the gateway's buffer
 * @param eventsOut   events committed to Kafka by the gateway
 * @param consumed    committed events a downstream consumer has read
 * @param undelivered events in the buffer not yet committed to Kafka: a gauge, not a counter
 * @param allocated   bytes allocated by every live thread of the process
 * @param cpuNanos    CPU time the process has used (all threads, all cores)
 */
record Tally(long nanos, long offered, long samples, double eventsIn, double eventsOut, long consumed,
             long undelivered, long allocated, long cpuNanos) {

    /** The counts between {@code earlier} and this tally; {@code undelivered} is the growth of the backlog. */
    Tally since(Tally earlier) {
        return new Tally(nanos - earlier.nanos, offered - earlier.offered, samples - earlier.samples,
                eventsIn - earlier.eventsIn, eventsOut - earlier.eventsOut, consumed - earlier.consumed,
                undelivered - earlier.undelivered, Math.max(0, allocated - earlier.allocated),
                cpuNanos - earlier.cpuNanos);
    }

    /** Cores the process kept busy on average, for a difference of two tallies. */
    double cores() {
        return (double) cpuNanos / nanos;
    }

    /** The process's CPU time so far, where the JVM can tell; 0 otherwise. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /** {@code count} per second over this tally's {@code nanos}, for a difference of two tallies. */
    double perSecond(double count) {
        return count / (nanos / 1e9);
    }
}
