package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import picocli.CommandLine;

/**
 * {@code takt bench gateway} runs end to end on a tiny plant (8 machines, seconds per phase) and
 * prints every run with its baseline ratio, the delivery figures and the drain after an outage.
 * Figures are not checked: tests never time anything.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GatewayBenchCommandIT {

    @Test
    void shouldPrintTheGatewayAgainstTheBareSourceAndTheDrainAfterAnOutage() {
        StringWriter out = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));

        // When the benchmark runs on a 2 x 4 plant for 1 s warm-up and 2 s per run, with a 1 s outage
        int exit = cmd.execute("bench", "gateway", "--machines", "2x4", "--speed", "60", "--warmup", "1",
                "--duration", "2", "--outage", "1");

        // Then every run is printed, the gateway's next to the bare source's, and the drain is reported
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("simulator 2x4 = 8 machines at 60x real time", "bare OPC UA source, counting (baseline)",
                        "gateway, buffer.fsync=every-batch", "gateway, buffer.fsync=none",
                        "committed to Kafka", "backlog (undelivered events)", "drain after a ")
                .containsPattern("-> \\d+\\.\\d\\dx the throughput of 'bare OPC UA source, counting \\(baseline\\)'")
                .containsPattern("buffer.fsync=every-batch gives \\d+\\.\\d\\dx the throughput of buffer.fsync=none");
    }

    @Test
    void shouldRefuseAPlantThatIsNotLinesByMachines() {
        StringWriter err = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));

        // When --machines is not LINESxMACHINES
        int exit = cmd.execute("bench", "gateway", "--machines", "2000");

        // Then it is a usage error naming the expected form, and nothing ran
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--machines must be LINESxMACHINES");
    }
}
