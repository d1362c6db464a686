package io.takt.bench;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * One flat-out run of the event tape through Kafka: when the producer started and finished, and
 * when the reader (a consumer, or the OEE app's committed offsets) had 10 %, 90 % and all of the
 * events. The rate is events over first send to last event read; the steady rate, between 10 % and
 * 90 %, leaves out start-up and the tail.
 */
final class Flow {

    /** Not yet: {@link System#nanoTime()} may be any long, zero and negative included. */
    private static final long NOT_YET = Long.MIN_VALUE;

    private final long events;
    private volatile long startNanos = NOT_YET;
    private volatile long sentNanos = NOT_YET;
    private long tenthNanos = NOT_YET;
    private long ninetiethNanos = NOT_YET;
    private long doneNanos = NOT_YET;
    private long allocatedBefore;
    private long cpuBefore;
    private long allocated;
    private long cpu;
    private long beginNanos;

    Flow(long events) {
        this.events = events;
    }

    void begin(long allocatedBytes, long cpuNanos) {
        this.beginNanos = System.nanoTime();
        this.allocatedBefore = allocatedBytes;
        this.cpuBefore = cpuNanos;
    }

    void started(long nanos) {
        startNanos = nanos;
    }

    void sent(long nanos) {
        sentNanos = nanos;
    }

    /** The reader has {@code consumed} events at {@code nanos}. */
    void progress(long consumed, long nanos) {
        if (tenthNanos == NOT_YET && consumed * 10 >= events) {
            tenthNanos = nanos;
        }
        if (ninetiethNanos == NOT_YET && consumed * 10 >= events * 9) {
            ninetiethNanos = nanos;
        }
        if (doneNanos == NOT_YET && consumed >= events) {
            doneNanos = nanos;
        }
    }

    void end(long allocatedBytes, long cpuNanos) {
        this.allocated = allocatedBytes - allocatedBefore;
        this.cpu = cpuNanos - cpuBefore;
    }

    /** Nanoseconds from the first send to the reader having every event. */
    long elapsedNanos() {
        return doneNanos - (startNanos == NOT_YET ? beginNanos : startNanos);
    }

    /** Events/s between the reader's 10 % and 90 % marks; the overall rate when they fell together. */
    double steadyRate() {
        long nanos = ninetiethNanos - tenthNanos;
        return nanos <= 0 ? events / (elapsedNanos() / 1e9) : 0.8 * events / (nanos / 1e9);
    }

    /** Events/s the producer sent at, flush included. */
    double producerRate() {
        return events / ((sentNanos - startNanos) / 1e9);
    }

    Measurement measurement(String name) {
        return new Measurement(name, events, elapsedNanos(), new Histogram(3), allocated, OeeBenchmark.heapUsedAfterGc());
    }

    void describe(BenchReport report, String reader) {
        double seconds = (doneNanos - beginNanos) / 1e9;
        report.line(String.format(Locale.ROOT, "  %s: %,.0f events/s steady (10%% -> 90%% of the events); producer "
                        + "sent at %,.0f events/s; all read %.1f s after the first send; the process kept %.2f of %d "
                        + "cores busy", reader, steadyRate(), producerRate(), elapsedNanos() / 1e9, cpu / 1e9 / seconds,
                Runtime.getRuntime().availableProcessors()));
    }
}
