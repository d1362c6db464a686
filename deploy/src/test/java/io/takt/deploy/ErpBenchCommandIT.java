package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import picocli.CommandLine;

/**
 * {@code takt bench erp} runs end to end on a few updates (embedded broker, registry, ERP stand-in
 * and connector) and prints the connector next to the ERP's own commit rate, and the latency line.
 * Figures are not checked: tests never time anything.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ErpBenchCommandIT {

    @Test
    void shouldPrintTheConnectorAgainstTheErpsCommitsWithLatency() {
        StringWriter out = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));

        // When the benchmark runs 500 updates, then 50/s for 2 s; and 2,000 counts of 5 machines
        int exit = cmd.execute("bench", "erp", "--updates", "500", "--rate", "50", "--duration", "2", "--counts",
                "2000", "--machines", "5");

        // Then every part is printed, the connector's rate next to the baseline's, and all 100 timed updates seen;
        // the confirmations' figures next to theirs
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("ERP change capture benchmark: 500 single-row order updates, then 50/s for 2 s",
                        "ERP commits the updates, no capture (baseline)",
                        "erp-connector: ERP commit -> WorkOrder on the topic", "paced at 50/s: commit -> WorkOrder read",
                        "(100 of 100 updates seen)", "Confirmations: 2,000 counts of 5 machines",
                        "confirmation stream: counts -> confirmations", "all 2,000 counts in the ERP's rows",
                        "latency count -> confirmation on the topic", "latency count -> confirmation in the ERP's row")
                .containsPattern("-> \\d+\\.\\d\\dx the throughput of 'counts written and read back \\(baseline\\)'")
                .containsPattern("-> \\d+\\.\\d\\dx the throughput of 'ERP commits the updates, no capture \\(baseline\\)'");
    }
}
