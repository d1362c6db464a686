package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.takt.platform.testing.KafkaBackbone;
import picocli.CommandLine;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicsCommandIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.brokerOnly();


    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int takt(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void shouldCreateTheSiteTopicsOnceAndListThemAsSpecified() {
        // Given an empty cluster
        // When the topics are created for a site, twice
        int first = takt("topics", "create", "-b", backbone.bootstrapServers(), "--site", "line-a", "--partitions", "2");
        String created = out.toString();
        int second = takt("topics", "create", "-b", backbone.bootstrapServers(), "--site", "line-a", "--partitions", "2");

        // Then the first run creates all 14, the second finds them
        assertThat(first).isZero();
        assertThat(created).contains("created  takt.line-a.machine-state.v1").contains("14 created, 0 already there");
        assertThat(second).isZero();
        assertThat(out.toString()).contains("0 created, 14 already there");

        // And the list shows each as specified, compacted topics without a retention
        int listed = takt("topics", "list", "-b", backbone.bootstrapServers(), "--site", "line-a",
                "--set", "topics.partitions=2");
        assertThat(listed).isZero();
        assertThat(out.toString()).containsPattern("takt\\.line-a\\.work-order\\.v1 .* 2 +1 +compact +- +ok")
                .containsPattern("takt\\.line-a\\.machine-state\\.v1 .* 2 +1 +delete +7d +ok")
                .doesNotContain("missing").doesNotContain("warning");
    }

    @Test
    void shouldReportDriftAgainstTheCatalogue() {
        // Given topics created with 1 partition
        takt("topics", "create", "-b", backbone.bootstrapServers(), "--site", "line-b", "--partitions", "1");

        // When they are listed against a catalogue of 3 partitions
        takt("topics", "list", "-b", backbone.bootstrapServers(), "--site", "line-b", "--set", "topics.partitions=3");

        // Then each differs and the warning says how
        assertThat(out.toString()).contains("differs")
                .contains("warning  takt.line-b.oee.v1: partitions is 1, the catalogue says 3");
    }

    @Test
    void shouldFailAtStartNamingTheBadKey() {
        // When a bad value is given
        int exit = takt("topics", "create", "-b", backbone.bootstrapServers(), "--set", "topics.partitions=zero");

        // Then nothing runs and the message names the key and the rule
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("topics.partitions").contains("zero");
    }
}
