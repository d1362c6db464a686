package io.takt.bench;

import org.HdrHistogram.Histogram;

/**
 * Runs one operation in a tight loop: a warm-up (so the JIT has compiled the hot path), then the
 * measured iterations, timing each one.
 */
public final class Loop {

    /** The operation under test; {@code i} is the iteration number, for varying the input. */
    @FunctionalInterface
    public interface Operation {
        void run(long i) throws Exception;
    }

    private Loop() {
    }

    public static Measurement measure(String name, long warmup, long operations, Operation operation)
            throws Exception {
        for (long i = 0; i < warmup; i++) {
            operation.run(i);
        }
        Histogram latency = Measurement.newLatencyHistogram();
        long allocatedBefore = Measurement.allocatedByThisThread();
        long start = System.nanoTime();
        for (long i = 0; i < operations; i++) {
            long t0 = System.nanoTime();
            operation.run(warmup + i);
            latency.recordValue(System.nanoTime() - t0);
        }
        long elapsed = System.nanoTime() - start;
        long allocated = Measurement.allocatedByThisThread() - allocatedBefore;
        return new Measurement(name, operations, elapsed, latency, allocated, Measurement.heapUsedAfterGc());
    }
}
