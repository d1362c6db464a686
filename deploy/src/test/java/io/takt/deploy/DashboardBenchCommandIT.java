package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import picocli.CommandLine;

/**
 * {@code takt bench dashboard} runs end to end on a tiny plant (embedded broker, registry, the
 * dashboard and two SSE clients) and prints the write -> update latency and the burst next to the
 * plain consumer's, the snapshot and the heap. Figures are only checked to be there, positive and
 * finite: tests never time anything.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBenchCommandIT {

    @Test
    void shouldPrintTheDashboardsLatencyAndBurstAgainstAPlainConsumer() {
        StringWriter out = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));

        // When the benchmark runs 20 machines (2 lines, 1 area, 1 site: 24 live records a round) at 200 records/s
        // for 2 s to 2 clients, and a burst of 2,000 records
        int exit = cmd.execute("bench", "dashboard", "--machines", "20", "--rate", "200", "--duration", "2",
                "--clients", "2", "--burst", "2000");

        // Then every part is printed, each next to its baseline, and every run was taken in whole
        assertThat(exit).isZero();
        String printed = out.toString();
        assertThat(printed)
                .contains("Dashboard benchmark: 20 machines and 4 roll-ups, live OEE at 200 records/s for 2 s "
                                + "(after 5 s warm-up) to 2 SSE viewers; bursts of 2,000 records",
                        "24 live records a round", "plain consumer: write -> poll, paced (baseline)",
                        "dashboard: write -> SSE update, paced", "plain consumer: burst, all read (baseline)",
                        "GET /api/snapshot, 24 equipment", "heap used after GC:", "goal: p99 <= 1 s: ")
                .doesNotContain("NOT kept up", "NaN", "Infinity")
                .containsPattern("-> p50 \\d+\\.\\d\\dx, p99 \\d+\\.\\d\\dx the latency of 'plain consumer: write -> "
                        + "poll, paced \\(baseline\\)'")
                .containsPattern("dashboard view: burst, all applied[^\\n]*\\R  -> \\d+\\.\\d\\dx the throughput of "
                        + "'plain consumer: burst, all read \\(baseline\\)'")
                .containsPattern("each viewer was shown [\\d,]+ of 400 timed records");
        // And the figures are positive: the latencies, the burst rates and their ratios, the snapshot's size
        for (String percentile : new String[] {"p50", "p90", "p99", "max"}) {
            assertPositive(printed, "latency " + percentile + " +([\\d.]+) ms +([\\d.]+) ms +([\\d.]+)x", 3);
        }
        assertPositive(printed, "burst records/s \\(view applied / read\\) +(\\d+) +(\\d+) +([\\d.]+)x", 3);
        assertPositive(printed, "snapshot: ([\\d,]+) bytes", 1);
    }

    private static void assertPositive(String printed, String regex, int groups) {
        Matcher figures = Pattern.compile(regex).matcher(printed);
        assertThat(figures.find()).as("a line matching %s", regex).isTrue();
        for (int g = 1; g <= groups; g++) {
            double figure = Double.parseDouble(figures.group(g).replace(",", ""));
            assertThat(figure).as("%s, figure %d", regex, g).isPositive().isFinite();
        }
    }
}
