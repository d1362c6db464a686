package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;
import io.takt.platform.topic.TopicStatus;
import picocli.CommandLine;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalBackboneIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldStartBrokerRegistryTopicsAndSchemasAndKeepThemAcrossARestart() {
        var settings = LocalBackbone.Settings.onFreePorts(dataDir, "plant-7", 60);
        Map<String, Integer> firstIds;

        // Given the backbone started on a fresh data directory
        List<String> progress = new ArrayList<>();
        try (var backbone = new LocalBackbone(settings)) {
            LocalBackbone.Started started = backbone.start(progress::add);

            // Then every catalogue topic exists as specified and every event schema is registered
            assertThat(progress).hasSize(10).allMatch(line -> line.startsWith("  ok  "));
            assertThat(progress.get(7)).contains("OEE app", "/api/equipment");
            assertThat(progress.get(8)).contains("Genealogy app", "/trace");
            assertThat(statuses(started.bootstrapServers())).allSatisfy(s -> {
                assertThat(s.exists()).as(s.spec().name()).isTrue();
                assertThat(s.drifts()).as(s.spec().name()).isEmpty();
            });
            var client = new RestSchemaRegistryClient(started.registryUrl());
            assertThat(client.subjects()).contains("takt.plant-7.machine-state.v1-value",
                    "takt.plant-7.work-order.v1-value", "takt.plant-7.oee.v1-value");
            // 11 contracts on 13 topics: OeeKpi serves oee and oee-live, WorkOrder work-order and
            // work-center-orders, each under one id
            assertThat(started.schemaIds()).hasSize(13);
            assertThat(started.schemaIds().values().stream().distinct()).hasSize(11);
            assertThat(started.schemaIds().get("takt.plant-7.work-center-orders.v1-value"))
                    .isEqualTo(started.schemaIds().get("takt.plant-7.work-order.v1-value"));
            assertThat(started.schemaIds().get("takt.plant-7.oee-live.v1-value"))
                    .isEqualTo(started.schemaIds().get("takt.plant-7.oee.v1-value"));
            firstIds = started.schemaIds();
        }

        // When it is started again on the same data directory
        try (var backbone = new LocalBackbone(settings)) {
            LocalBackbone.Started again = backbone.start(line -> { });

            // Then nothing is created twice and every schema keeps its id
            assertThat(again.topics().created()).isEmpty();
            assertThat(again.schemaIds()).isEqualTo(firstIds);
        }
    }

    @Test
    void shouldRunTheDemoCommandAndStopByItself() throws Exception {
        // Given the data of an earlier demo run, to be reset
        Files.writeString(dataDir.resolve(DemoCommand.MARKER), "earlier run\n");
        Path stale = Files.writeString(dataDir.resolve("stale.txt"), "left by an earlier run\n");
        // and the demo command on free ports, told to stop after a moment
        StringWriter out = new StringWriter();
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));

        // When it runs
        int exit = cmd.execute("demo", "--reset", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--registry-port", "0",
                "--opcua-port", "0", "--modbus-port", "0", "--mqtt-port", "0", "--http-port", "0", "--oee-port", "0", "--genealogy-port", "0",
                "--erp-port", "0", "--dashboard-port", "0", "--speed", "60", "--status-interval", "1s", "--run-for", "15s");

        // Then it deleted the earlier run's data first
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Deleted the data of earlier runs in " + dataDir);
        assertThat(stale).doesNotExist();
        assertThat(dataDir.resolve(DemoCommand.MARKER)).exists();
        // and reported every part, the addresses to use, and stopped cleanly
        assertThat(out.toString())
                .contains("ok  Kafka broker", "ok  Schema registry", "ok  Topics", "ok  Event schemas",
                        "ok  Plant simulator", "ok  ERP", "ok  Edge gateway", "ok  OEE app", "ok  Genealogy app",
                        "ok  Dashboard", "Ready in")
                .contains("bootstrap.servers=localhost:", "schema.registry.url=http://localhost:")
                .contains("Takt demo stopped.");
        // and its status line showed the gateway's events and the OEE app's KPIs flowing
        assertThat(out.toString().lines().filter(line -> line.matches(
                ".* events [0-9]+/s \\([1-9][0-9,]*\\) \\| KPIs [0-9]+/s \\([1-9][0-9,]*\\) \\| lag .*oee RUNNING")))
                .isNotEmpty();
    }

    private static List<TopicStatus> statuses(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return new TopicProvisioner(admin).list(TopicCatalogue.forSite("plant-7", 3, 1).all());
        }
    }
}
