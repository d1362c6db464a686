package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import picocli.CommandLine;

/**
 * {@code takt bench oee} runs end to end on a tiny plant (50 machines, 20,000 events, a 3 s
 * latency run) and prints the OEE app next to the pass-through, the latency line and the heap.
 * Figures are not checked: tests never time anything.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OeeBenchCommandIT {

    @Test
    void shouldPrintTheOeeAppAgainstThePassThroughWithLatencyAndHeap() {
        StringWriter out = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));

        // When the benchmark runs on 50 machines with 20,000 events and a 3 s latency run at 1,000 events/s
        int exit = cmd.execute("bench", "oee", "--machines", "50", "--events", "20000", "--rate", "1000",
                "--latency-duration", "3");

        // Then every part is printed, the app's rate next to the baseline's, with the dead-letter count (not
        // asserted zero: on a tiny backlog replay the app may run a machine's states ahead of its counts, see
        // bench/README.md)
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("OEE benchmark: 50 machines, 20,000 events", "Kafka produce -> consume, same bytes (baseline)",
                        "OEE app, exactly_once_v2 (input events/s)", "OEE app, paced at 1,000 events/s",
                        "latency state change sent -> read_committed live record shows it", "heap used after GC",
                        "dead-lettered ")
                .containsPattern("-> \\d+\\.\\d\\dx the throughput of 'Kafka produce -> consume, same bytes \\(baseline\\)'")
                .containsPattern("\\(\\d[\\d,]* of \\d[\\d,]* state changes seen");
    }

    @Test
    void shouldRefuseARatioOutsideItsRange() {
        StringWriter err = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));

        // When the ratio of state changes to counts is zero
        int exit = cmd.execute("bench", "oee", "--state-changes-per-count", "0");

        // Then it is a usage error naming the allowed range, and nothing ran
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("state changes per count must be in (0, 2]");
    }
}
