package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.takt.platform.registry.server.RawHttp.Answer;
import io.takt.platform.testing.KafkaBackbone;

/**
 * The registry's probes and meters on its own listener, next to Confluent's API: a registry of its
 * own per test, on a store topic of its own, so the counts are exact.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchemaRegistryProbesIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.brokerOnly();

    private static int stores;

    private SchemaRegistryServer registry;
    private RawHttp http;

    @BeforeEach
    void start() {
        stores++;
        registry = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(backbone.bootstrapServers())
                .withTopic("_schemas-probes-" + stores)).start();
        http = new RawHttp(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void shouldBeLiveAndReadyOnceTheStoreTopicIsRead() {
        // Given a registry that has read its store topic (start() returns after that)

        // Then /health says it serves, and /ready says the store is read, up to which offset
        Answer health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        Answer ready = http.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().at("/checks/schema-store/status").asText()).isEqualTo("UP");
        assertThat(ready.json().at("/checks/schema-store/detail").asText())
                .startsWith("read _schemas-probes-" + stores + " up to offset ");
    }

    @Test
    void shouldCountRequestsByRouteAndStatusAndTheSchemasAndSubjectsStored() {
        // Given MachineState under press-1-value and press-2-value (one schema, id 1), MachineState with
        // an optional shift as version 2 of press-1-value (a second schema), an incompatible change
        // refused under press-2-value, and a path no route has
        assertThat(register("press-1-value", PlantSchemas.machineState()).status()).isEqualTo(200);
        assertThat(register("press-2-value", PlantSchemas.machineState()).status()).isEqualTo(200);
        assertThat(register("press-1-value", PlantSchemas.machineStateWithShift()).status()).isEqualTo(200);
        assertThat(register("press-2-value", PlantSchemas.machineStateWithRequiredOperator()).status())
                .isEqualTo(409);
        Answer unknown = http.get("/no/such/route");

        // When scraped
        Answer metrics = http.get("/metrics");

        // Then the Confluent API answered the unknown path as Confluent does, and /metrics has
        // 3 registrations answered 200, 1 refused 409, 1 unmatched 404, 2 schemas, 2 subjects
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(404);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("takt_registry_requests_seconds_count{method=\"POST\",route=\"/subjects/{subject}/versions\","
                        + "service=\"takt-registry\",status=\"200\"} 3")
                .contains("takt_registry_requests_seconds_count{method=\"POST\",route=\"/subjects/{subject}/versions\","
                        + "service=\"takt-registry\",status=\"409\"} 1")
                .contains("takt_registry_requests_seconds_count{method=\"GET\",route=\"unmatched\","
                        + "service=\"takt-registry\",status=\"404\"} 1")
                .contains("takt_registry_schemas{service=\"takt-registry\"} 2.0")
                .contains("takt_registry_subjects{service=\"takt-registry\"} 2.0")
                .contains("jvm_memory_used_bytes{");
    }

    @Test
    void shouldNameThePortWhenItIsTaken() {
        // Given a port this test's registry already listens on
        int taken = Integer.parseInt(registry.url().replaceAll(".*:", ""));

        // When a second registry is asked for it, Then start-up fails saying which
        SchemaRegistryServer second = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(
                backbone.bootstrapServers()).withTopic("_schemas-probes-" + stores).withListener("localhost", taken));
        assertThatThrownBy(second::start).hasMessageContaining("localhost:" + taken)
                .hasMessageContaining("is the port in use?");
    }

    private Answer register(String subject, Schema schema) {
        return http.send("POST", "/subjects/" + subject + "/versions", RawHttp.schemaBody(schema.toString()),
                Map.of("Content-Type", RestApi.V1_JSON, "Accept", RestApi.V1_JSON));
    }
}
