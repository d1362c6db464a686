package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import picocli.CommandLine;

/** The serde benchmark runs end to end on a tiny load and prints every row with its baseline ratio. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchCommandIT {

    @Test
    void shouldPrintEveryMeasurementNextToItsBaseline() {
        StringWriter out = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));

        int exit = cmd.execute("bench", "serde", "--operations", "2000", "--events", "500", "--rate", "1000");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("plain Avro binary encode (baseline)", "AvroSerializer (Confluent wire format)",
                        "AvroDeserializer (Confluent wire format)", "Kafka, Avro serdes + registry, paced at 1000/s")
                .containsPattern("-> \\d+\\.\\d\\dx the throughput of 'plain Avro binary encode \\(baseline\\)'");
    }
}
