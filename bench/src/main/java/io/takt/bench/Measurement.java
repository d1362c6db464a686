package io.takt.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * What one benchmark run measured: throughput, per-operation latency percentiles, bytes allocated
 * per operation and heap in use afterwards.
 *
 * @param name          what ran, e.g. "AvroSerializer (Confluent wire format)"
 * @param operations    operations measured (warm-up excluded)
 * @param elapsedNanos  wall time of the measured operations
 * @param latency       per-operation latency in nanoseconds
 * @param allocatedBytes bytes the measuring thread allocated while measuring
 * @param heapUsedBytes heap in use after the run, after a GC
 */
public record Measurement(String name, long operations, long elapsedNanos, Histogram latency, long allocatedBytes,
        long heapUsedBytes) {

    /** Operations per second. */
    public double throughput() {
        return operations / (elapsedNanos / 1e9);
    }

    public double allocatedBytesPerOperation() {
        return (double) allocatedBytes / operations;
    }

    /** Latency at a percentile, in microseconds. */
    public double latencyMicros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1_000.0;
    }

    /** Bytes allocated so far by the calling thread, where the JVM can tell. */
    static long allocatedByThisThread() {
        var threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    /**
     * Bytes allocated so far by every live thread of the process, where the JVM can tell: for
     * benchmarks whose work is spread over many threads (threads that ended are not counted).
     */
    static long allocatedByAllThreads() {
        var threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            long total = 0;
            for (long bytes : hotspot.getThreadAllocatedBytes(hotspot.getAllThreadIds())) {
                total += Math.max(0, bytes);
            }
            return total;
        }
        return 0;
    }

    /** Heap in use after asking for a collection: a rough "what stays" figure, not a precise one. */
    static long heapUsedAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static Histogram newLatencyHistogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    }
}
