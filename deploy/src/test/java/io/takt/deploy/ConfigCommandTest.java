package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int takt(String... args) {
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void shouldListEveryKeyWithItsEnvironmentVariable() {
        int exit = takt("config", "keys");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("`kafka.bootstrap.servers`", "`TAKT_KAFKA_BOOTSTRAP_SERVERS`",
                "`schema.registry.url`", "`registry.listen.port`", "`site`");
    }

    @Test
    void shouldListTheKeysOfEveryServiceCommandIncludingGatewayBufferAndSimulator() {
        int exit = takt("config", "keys");

        // Then the gateway's and its buffer's keys, the simulator's and the HTTP ports are there too
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("`gateway.tag.map`", "`gateway.id`", "`gateway.http.port`",
                "`TAKT_GATEWAY_HTTP_PORT`", "`buffer.dir`", "`buffer.max.bytes`", "`simulator.opcua.port`",
                "`simulator.lines`", "`erp.http.port`", "`TAKT_ERP_HTTP_PORT`", "`oee.http.port`",
                "`genealogy.http.port`");
    }

    @Test
    void shouldCheckAFileWithoutTheGatewaysRequiredTagMapButStillCheckGatewayKeys() throws Exception {
        // Given a file for the OEE app, with no gateway.tag.map (which the gateway alone requires)
        Path oee = Files.writeString(dir.resolve("oee.properties"), "oee.http.port=8083\n");

        // When checked, Then it is valid
        assertThat(takt("config", "check", "--config", oee.toString())).isZero();
        assertThat(out.toString()).contains("Configuration is valid.");

        // But a gateway key with a bad value fails, naming the key and what it accepts
        Path gateway = Files.writeString(dir.resolve("gateway.properties"), "gateway.http.port=99999\n");
        assertThat(takt("config", "check", "--config", gateway.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("gateway.http.port").contains("99999").contains("65535");
    }

    @Test
    void shouldShowWhereEachEffectiveValueCameFrom() throws Exception {
        // Given a YAML file and an override on the command line
        Path file = Files.writeString(dir.resolve("takt.yaml"), "site: plant-7\nkafka:\n  bootstrap:\n"
                + "    servers: kafka-1:9092,kafka-2:9092\n");

        // When the config is checked
        int exit = takt("config", "check", "--config", file.toString(), "--set", "registry.listen.port=9081");

        // Then each value and its origin is shown
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("site = plant-7").contains("kafka-1:9092,kafka-2:9092")
                .contains("registry.listen.port = 9081").contains("Configuration is valid.");
    }

    @Test
    void shouldFailNamingAnUnknownKeyInTheFileAndSuggestTheRightOne() throws Exception {
        // Given a file with a typo
        Path file = Files.writeString(dir.resolve("takt.properties"), "kafka.bootstrap.server=kafka-1:9092\n");

        // When the config is checked
        int exit = takt("config", "check", "--config", file.toString());

        // Then start-up fails with exit 1, naming the key and the likely intended one
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("kafka.bootstrap.server").contains("did you mean 'kafka.bootstrap.servers'");
    }

    @Test
    void shouldFailNamingAMissingConfigFile() {
        int exit = takt("config", "check", "--config", dir.resolve("nowhere.yaml").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("nowhere.yaml").contains("does not exist");
    }
}
