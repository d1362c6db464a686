package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.takt.platform.testing.KafkaBackbone;
import picocli.CommandLine;

/**
 * takt acquire run and takt erp listen where gateway.http.port / erp.http.port in their config file
 * say, and --http-port overrides that: shown on ports already taken, which fail start-up naming them.
 */
@Tag("integration")
class HttpPortConfigIT {

    @RegisterExtension
    static final KafkaBackbone BACKBONE = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    @Timeout(60)
    void shouldListenOnTheGatewayPortOfTheConfigFileUnlessTheOptionNamesAnother() throws Exception {
        try (ServerSocket configured = new ServerSocket(0); ServerSocket optioned = new ServerSocket(0)) {
            // Given a gateway config whose HTTP port is taken
            Path config = Files.writeString(dir.resolve("gateway.properties"), "gateway.tag.map="
                    + dir.resolve("plant.yaml") + "\ngateway.http.port=" + configured.getLocalPort() + "\n");

            // When the gateway starts with it, Then it fails on that port, before it reads the tag map
            assertThat(takt("acquire", "run", "-c", config.toString())).isEqualTo(1);
            assertThat(err.toString()).contains(":" + configured.getLocalPort() + " (is the port in use?)");

            // When --http-port names another (taken) port, Then that one is tried instead
            assertThat(takt("acquire", "run", "-c", config.toString(), "--http-port",
                    String.valueOf(optioned.getLocalPort()))).isEqualTo(1);
            assertThat(err.toString()).contains(":" + optioned.getLocalPort() + " (is the port in use?)");
        }
    }

    @Test
    @Timeout(120)
    void shouldListenOnTheErpPortOfTheConfigFileUnlessTheOptionNamesAnother() throws Exception {
        try (ServerSocket configured = new ServerSocket(0); ServerSocket optioned = new ServerSocket(0)) {
            // Given an erp config (the embedded stand-in) whose HTTP port is taken
            Path config = Files.writeString(dir.resolve("erp.properties"), "site=ports\n"
                    + "kafka.bootstrap.servers=" + BACKBONE.bootstrapServers() + "\n"
                    + "schema.registry.url=" + BACKBONE.registryUrl() + "\n"
                    + "topics.replication.factor=1\nerp.state.dir=" + dir.resolve("erp") + "\n"
                    + "erp.http.port=" + configured.getLocalPort() + "\n");

            // When the connector starts with it, Then it fails on that port, before the ERP database starts
            assertThat(takt("erp", "-c", config.toString())).isEqualTo(1);
            assertThat(err.toString()).contains(":" + configured.getLocalPort() + " (is the port in use?)");
            assertThat(dir.resolve("erp")).doesNotExist();

            // When --http-port names another (taken) port, Then that one is tried instead
            assertThat(takt("erp", "-c", config.toString(), "--http-port",
                    String.valueOf(optioned.getLocalPort()))).isEqualTo(1);
            assertThat(err.toString()).contains(":" + optioned.getLocalPort() + " (is the port in use?)");
        }
    }

    private int takt(String... args) {
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }
}
