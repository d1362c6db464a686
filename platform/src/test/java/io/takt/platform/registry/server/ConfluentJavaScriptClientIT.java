package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.takt.platform.registry.client.RegisteredSchema;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.serde.AvroDeserializer;
import io.takt.platform.serde.AvroSerializer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.SampleEvents;
import io.takt.schemas.SourceRef;
import io.takt.schemas.compat.CompatibilityLevel;

/**
 * A real third-party Confluent client, the JavaScript library {@code @kafkajs/confluent-schema-registry}
 * (version pinned in {@code src/test/js/confluent-client/package-lock.json}), used unchanged against
 * Takt's registry and serdes: it registers, looks up, encodes and decodes, and its answers are checked
 * against our Java client, {@link AvroSerializer} and {@link AvroDeserializer}.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfluentJavaScriptClientIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE_STATE_TOPIC = "takt.site1.machine-state.v1";
    private static final String MACHINE_STATE_SUBJECT = MACHINE_STATE_TOPIC + "-value";

    private static final Optional<String> MISSING_TOOLS = JavaScriptRegistryClient.missingTools();
    private static JavaScriptRegistryClient javaScript;

    private final RestSchemaRegistryClient java = new RestSchemaRegistryClient(backbone.registryUrl());

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES) // npm ci on a cold cache is allowed 5 of them
    static void installTheJavaScriptClient() {
        if (MISSING_TOOLS.isEmpty()) {
            javaScript = JavaScriptRegistryClient.installed();
        }
    }

    /** Skips each test by name, with the reason, where node or npm is missing (an npm ci failure fails instead). */
    @BeforeEach
    void requireNodeAndNpm() {
        Assumptions.assumeTrue(MISSING_TOOLS.isEmpty(), MISSING_TOOLS::orElseThrow);
    }

    @Test
    void shouldGiveTheJavaScriptClientTheSameIdOurJavaClientSees() {
        // Given a subject no one has registered under
        Schema schema = PlantSchemas.machineState();
        String subject = "press-line2-js-value";

        // When the JavaScript client registers the schema twice and asks for the subject's ids
        List<JsonNode> answers = javaScript.run(backbone.registryUrl(),
                register(subject, schema), register(subject, schema),
                JavaScriptRegistryClient.step("getLatestSchemaId").put("subject", subject),
                JavaScriptRegistryClient.step("getRegistryId").put("subject", subject).put("version", 1));

        // Then both registrations answer one id, and the JavaScript lookups find it as version 1
        int id = value(answers.get(0)).get("id").asInt();
        assertThat(value(answers.get(1)).get("id").asInt()).isEqualTo(id);
        assertThat(value(answers.get(2)).asInt()).isEqualTo(id);
        assertThat(value(answers.get(3)).asInt()).isEqualTo(id);
        // And our Java client sees that subject as version 1 with that id and that schema
        RegisteredSchema latest = java.latest(subject);
        assertThat(latest.subject()).isEqualTo(subject);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(java.versions(subject)).containsExactly(1);
        assertThat(java.subjects()).contains(subject);
        assertThat(java.schemaById(id)).isEqualTo(schema);
        // And the BACKWARD level the library sets on a subject's first registration is stored for it
        assertThat(java.subjectCompatibility(subject)).contains(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldLetTheJavaScriptClientDecodeWhatOurSerializerWrote() {
        // Given a MachineStateChanged written by our serializer in Confluent's wire format
        byte[] written = new AvroSerializer<MachineStateChanged>(java)
                .serialize(MACHINE_STATE_TOPIC, SampleEvents.machineStateChanged());

        // When a fresh JavaScript client (empty cache: it must fetch the schema by id from our registry) decodes it
        JsonNode decoded = value(javaScript.run(backbone.registryUrl(), decode(written)).get(0));

        // Then it reads the values SampleEvents wrote: press 3, FAULT as reported "Held", event 41
        assertThat(decoded.at("/equipment/id").asText()).isEqualTo("site1.assembly.line2.press3");
        assertThat(decoded.at("/equipment/workCell").asText()).isEqualTo("cell1");
        assertThat(decoded.get("state").asText()).isEqualTo("FAULT");
        assertThat(decoded.get("rawState").asText()).isEqualTo("Held");
        assertThat(decoded.get("reasonCode").asText()).isEqualTo("1003");
        assertThat(decoded.get("sequence").asLong()).isEqualTo(41L);
        // 2026-11-25T06:00Z = 20,782 days after 1970-01-01 (56 years with 14 leap days = 20,454, plus 328 days
        // of 2026 before 25 November) * 86,400 s + 6 h = 1,795,586,400 s; plus 600 s = 1,795,587,000,000 ms
        assertThat(decoded.get("sourceTimestamp").asLong()).isEqualTo(1_795_587_000_000L);
        assertThat(decoded.get("receiveTimestamp").asLong()).isEqualTo(1_795_587_000_040L);
        assertThat(decoded.at("/source/address").asText()).isEqualTo("ns=2;s=Press3.State");
    }

    @Test
    void shouldReadWhatTheJavaScriptClientEncodedIntoOurGeneratedClass() {
        // Given the MachineStateChanged schema registered by our Java client, and an event typed by hand in JS form:
        // press 3 back to RUNNING at 06:12:00 (1,795,586,400,000 ms + 720 s), received 25 ms later, no reason
        int id = java.register(MACHINE_STATE_SUBJECT, MachineStateChanged.getClassSchema());
        ObjectNode payload = JSON.createObjectNode();
        payload.putObject("equipment").put("id", "site1.assembly.line2.press3").put("enterprise", "acme")
                .put("site", "site1").put("area", "assembly").put("line", "line2").putNull("workCell")
                .put("machine", "press3");
        payload.put("state", "RUNNING").put("rawState", "Execute").put("rawMode", "Production").putNull("reasonCode")
                .put("sourceTimestamp", 1_795_587_120_000L).put("receiveTimestamp", 1_795_587_120_025L);
        payload.putObject("source").put("gatewayId", "gw-assembly-1").put("address", "ns=2;s=Press3.State");
        payload.put("sequence", 42L);

        // When the JavaScript client encodes it with that id
        byte[] encoded = base64(value(javaScript.run(backbone.registryUrl(), encode(id, payload)).get(0)));

        // Then the frame is magic byte 0 and the id, and our deserializer reads the event back into the Java class
        assertThat(encoded[0]).isZero();
        assertThat(ByteBuffer.wrap(encoded, 1, 4).getInt()).isEqualTo(id);
        MachineStateChanged read = new AvroDeserializer<>(MachineStateChanged.class, java)
                .deserialize(MACHINE_STATE_TOPIC, encoded);
        assertThat(read).isEqualTo(MachineStateChanged.newBuilder()
                .setEquipment(EquipmentRef.newBuilder().setId("site1.assembly.line2.press3").setEnterprise("acme")
                        .setSite("site1").setArea("assembly").setLine("line2").setWorkCell(null).setMachine("press3")
                        .build())
                .setState(MachineState.RUNNING)
                .setRawState("Execute")
                .setRawMode("Production")
                .setReasonCode(null)
                .setSourceTimestamp(Instant.parse("2026-11-25T06:12:00Z"))
                .setReceiveTimestamp(Instant.parse("2026-11-25T06:12:00.025Z"))
                .setSource(SourceRef.newBuilder().setGatewayId("gw-assembly-1").setAddress("ns=2;s=Press3.State")
                        .build())
                .setSequence(42L)
                .build());
    }

    @Test
    void shouldEncodeTheSameBytesAsOurSerializerForTheSameEvent() {
        // Given the sample event written by our serializer, and the same event typed by hand in JS form
        byte[] written = new AvroSerializer<MachineStateChanged>(java)
                .serialize(MACHINE_STATE_TOPIC, SampleEvents.machineStateChanged());
        int id = ByteBuffer.wrap(written, 1, 4).getInt();
        ObjectNode payload = JSON.createObjectNode();
        payload.putObject("equipment").put("id", "site1.assembly.line2.press3").put("enterprise", "acme")
                .put("site", "site1").put("area", "assembly").put("line", "line2").put("workCell", "cell1")
                .put("machine", "press3");
        payload.put("state", "FAULT").put("rawState", "Held").put("rawMode", "Production").put("reasonCode", "1003")
                .put("sourceTimestamp", 1_795_587_000_000L).put("receiveTimestamp", 1_795_587_000_040L);
        payload.putObject("source").put("gatewayId", "gw-assembly-1").put("address", "ns=2;s=Press3.State");
        payload.put("sequence", 41L);

        // When the JavaScript client encodes it with the id our serializer used
        byte[] encoded = base64(value(javaScript.run(backbone.registryUrl(), encode(id, payload)).get(0)));

        // Then the bytes are identical: Avro's binary encoding has one form per value, and so does the frame
        assertThat(encoded).isEqualTo(written);
    }

    @Test
    void shouldSurfaceConfluents409WhenTheJavaScriptClientRegistersAnIncompatibleSchema() {
        // Given a subject whose first version the JavaScript client registered (so it is set to BACKWARD)
        String subject = "press-line3-js-value";
        JsonNode first = javaScript.run(backbone.registryUrl(), register(subject, PlantSchemas.machineState())).get(0);
        int id = value(first).get("id").asInt();

        // When it registers a version adding a required field with no default, which BACKWARD forbids
        JsonNode refused = javaScript.run(backbone.registryUrl(),
                register(subject, PlantSchemas.machineStateWithRequiredOperator())).get(0);

        // Then the library reports the registry's 409 with Confluent's message, prefixed by its client id
        assertThat(refused.get("ok").asBoolean()).isFalse();
        assertThat(refused.at("/error/name").asText()).isEqualTo("ResponseError");
        assertThat(refused.at("/error/status").asInt()).isEqualTo(409);
        assertThat(refused.at("/error/message").asText()).startsWith("Confluent_Schema_Registry - "
                + "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\"");
        // And the refusal was real: the subject still holds only the first version
        assertThat(java.versions(subject)).containsExactly(1);
        assertThat(java.latest(subject).id()).isEqualTo(id);
    }

    @Test
    void shouldReportNotFoundForTheLatestIdOfAnUnknownSubject() {
        // Given no subject named silo-js-value
        // When the JavaScript client asks for its latest schema id
        JsonNode missing = javaScript.run(backbone.registryUrl(),
                JavaScriptRegistryClient.step("getLatestSchemaId").put("subject", "silo-js-value")).get(0);

        // Then the library reports status 404 with Confluent's 40401 message (it keeps the status, not error_code)
        assertThat(missing.get("ok").asBoolean()).isFalse();
        assertThat(missing.at("/error/name").asText()).isEqualTo("ResponseError");
        assertThat(missing.at("/error/status").asInt()).isEqualTo(404);
        assertThat(missing.at("/error/message").asText())
                .isEqualTo("Confluent_Schema_Registry - Subject 'silo-js-value' not found.");
    }

    private static ObjectNode register(String subject, Schema schema) {
        return JavaScriptRegistryClient.step("register").put("subject", subject).put("schema", schema.toString());
    }

    private static ObjectNode encode(int id, ObjectNode payload) {
        ObjectNode step = JavaScriptRegistryClient.step("encode").put("id", id);
        step.set("payload", payload);
        return step;
    }

    private static ObjectNode decode(byte[] bytes) {
        return JavaScriptRegistryClient.step("decode").put("base64", Base64.getEncoder().encodeToString(bytes));
    }

    /** The value of a step that must have succeeded; a failure shows what the library reported. */
    private static JsonNode value(JsonNode answer) {
        assertThat(answer.get("ok").asBoolean()).as("JavaScript client answer %s", answer).isTrue();
        return answer.get("value");
    }

    private static byte[] base64(JsonNode text) {
        return Base64.getDecoder().decode(text.asText());
    }
}
