package io.takt.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints measurements as a table, each next to its baseline with the ratio of their throughputs. */
public final class BenchReport {

    private final PrintWriter out;

    public BenchReport(PrintWriter out) {
        this.out = out;
    }

    public void header(String title, String machine) {
        out.println(title);
        out.println(machine);
        out.println(String.format(Locale.ROOT, "%-52s %12s %9s %9s %9s %9s %10s %10s", "run", "ops/s", "p50 us",
                "p99 us", "p99.9 us", "max us", "B/op", "heap MiB"));
        out.flush();
    }

    /** One row; {@code baseline} null for a row that is itself the baseline. */
    public void row(Measurement m, Measurement baseline) {
        if (m.latency().getTotalCount() == 0) {
            // Nothing was timed (a baseline that only counts): dashes, not a latency of zero.
            out.println(String.format(Locale.ROOT, "%-52s %12.0f %9s %9s %9s %9s %10.0f %10.1f", m.name(),
                    m.throughput(), "-", "-", "-", "-", m.allocatedBytesPerOperation(),
                    m.heapUsedBytes() / (1024.0 * 1024.0)));
        } else {
            out.println(String.format(Locale.ROOT, "%-52s %12.0f %9.2f %9.2f %9.2f %9.1f %10.0f %10.1f", m.name(),
                    m.throughput(), m.latencyMicros(50), m.latencyMicros(99), m.latencyMicros(99.9),
                    m.latency().getMaxValue() / 1_000.0, m.allocatedBytesPerOperation(),
                    m.heapUsedBytes() / (1024.0 * 1024.0)));
        }
        if (baseline != null) {
            out.println(String.format(Locale.ROOT, "  -> %.2fx the throughput of '%s'", m.throughput()
                    / baseline.throughput(), baseline.name()));
        }
        out.flush();
    }

    /** A free-form figure, e.g. an end-to-end rate. */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Cores, JVM and heap limit, so figures can be compared between machines. */
    public static String machine() {
        Runtime r = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores, Java %s, max heap %d MiB", r.availableProcessors(),
                Runtime.version(), r.maxMemory() / (1024 * 1024));
    }
}
