package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.schemas.compat.CompatibilityLevel;

/** Ids, versions and levels live in the Kafka topic: they survive registry and broker restarts. */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SchemaRegistryDurabilityIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.brokerOnly();


    @Test
    void shouldKeepEveryIdVersionAndLevelWhenTheRegistryRestarts() {
        // Given a registry with two subjects, three versions and a subject level
        RegistrySettings settings = RegistrySettings.onFreeLocalPort(backbone.bootstrapServers()).withTopic("_schemas_restart");
        int press;
        int pressV2;
        int oven;
        try (var first = new SchemaRegistryServer(settings).start()) {
            var client = new RestSchemaRegistryClient(first.url());
            press = client.register("press-value", PlantSchemas.machineState());
            pressV2 = client.register("press-value", PlantSchemas.machineStateWithShift());
            oven = client.register("oven-value", PlantSchemas.counterReading(1));
            client.setCompatibility("oven-value", CompatibilityLevel.FULL);
        }

        // When a new registry instance starts on the same broker
        try (var second = new SchemaRegistryServer(settings).start()) {
            var client = new RestSchemaRegistryClient(second.url());

            // Then it serves the same ids, versions and level, and the next new schema gets a fresh id
            assertThat(client.schemaById(press)).isEqualTo(PlantSchemas.machineState());
            assertThat(client.idOf("press-value", PlantSchemas.machineStateWithShift())).isEqualTo(pressV2);
            assertThat(client.latest("press-value").version()).isEqualTo(2);
            assertThat(client.idOf("oven-value", PlantSchemas.counterReading(1))).isEqualTo(oven);
            assertThat(client.subjectCompatibility("oven-value")).contains(CompatibilityLevel.FULL);
            int fresh = client.register("dryer-value", PlantSchemas.counterReading(2));
            assertThat(fresh).isNotIn(press, pressV2, oven);
        }
    }

    @Test
    void shouldKeepEveryIdWhenTheBrokerRestarts() {
        // Given a registry that registered two schemas
        RegistrySettings settings = RegistrySettings.onFreeLocalPort(backbone.bootstrapServers()).withTopic("_schemas_bounce");
        int press;
        int oven;
        int filler;
        try (var registry = new SchemaRegistryServer(settings).start()) {
            var client = new RestSchemaRegistryClient(registry.url());
            press = client.register("press-value", PlantSchemas.machineState());
            oven = client.register("oven-value", PlantSchemas.counterReading(3));

            // When the broker stops and starts again while the registry keeps running
            backbone.broker().stop();
            assertThat(backbone.broker().isRunning()).isFalse();
            // (reads are served from memory while Kafka is away)
            assertThat(new RestSchemaRegistryClient(registry.url()).schemaById(oven))
                    .isEqualTo(PlantSchemas.counterReading(3));
            backbone.broker().start();

            // Then the running registry writes again once the broker is back
            filler = Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> client.register("filler-value", PlantSchemas.counterReading(4)), id -> id > 0);
        }

        // And a registry started afterwards sees every id as before
        try (var restarted = new SchemaRegistryServer(settings).start()) {
            var fresh = new RestSchemaRegistryClient(restarted.url());
            assertThat(fresh.idOf("press-value", PlantSchemas.machineState())).isEqualTo(press);
            assertThat(fresh.idOf("oven-value", PlantSchemas.counterReading(3))).isEqualTo(oven);
            assertThat(fresh.idOf("filler-value", PlantSchemas.counterReading(4))).isEqualTo(filler);
            assertThat(List.of(press, oven, filler)).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldStoreRecordsInConfluentsSchemasTopicFormat() {
        // Given a registry on its own topic
        RegistrySettings settings = RegistrySettings.onFreeLocalPort(backbone.bootstrapServers()).withTopic("_schemas_format");
        int id;
        try (var registry = new SchemaRegistryServer(settings).start()) {
            var client = new RestSchemaRegistryClient(registry.url());

            // When a schema is registered and a subject level set
            id = client.register("press-value", PlantSchemas.machineState());
            client.setCompatibility("press-value", CompatibilityLevel.FULL);
        }

        // Then the topic holds Confluent's SCHEMA and CONFIG records, byte for byte
        Map<String, String> records = new java.util.LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : SchemasTopicRecords.readAll(backbone.bootstrapServers(), "_schemas_format")) {
            records.put(new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8));
        }
        String schemaJson = PlantSchemas.machineState().toString().replace("\"", "\\\"");
        assertThat(records).containsExactly(
                Map.entry("{\"keytype\":\"SCHEMA\",\"subject\":\"press-value\",\"version\":1,\"magic\":1}",
                        "{\"subject\":\"press-value\",\"version\":1,\"id\":" + id + ",\"schema\":\"" + schemaJson
                                + "\",\"deleted\":false}"),
                Map.entry("{\"keytype\":\"CONFIG\",\"subject\":\"press-value\",\"magic\":0}",
                        "{\"compatibilityLevel\":\"FULL\"}"));
    }
}
