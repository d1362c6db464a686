package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.takt.platform.registry.server.RawHttp.Answer;
import io.takt.platform.testing.KafkaBackbone;

/**
 * Replays the exact requests third-party Confluent clients send (paths, query parameters, headers
 * and bodies of Confluent's Java {@code RestService} / {@code CachedSchemaRegistryClient}, of
 * librdkafka and of the JavaScript client) and checks the answers parse the way those clients read them.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfluentWireCompatibilityIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    private final RawHttp http = new RawHttp(backbone.registryUrl());

    /** What librdkafka's serdes and the JavaScript client send. */
    private static final Map<String, String> LIBRDKAFKA = Map.of(
            "Accept", "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json",
            "Content-Type", "application/vnd.schemaregistry.v1+json");
    private static final String V1_JSON = "application/vnd.schemaregistry.v1+json";


    @Test
    void shouldAnswerTheJavaClientsSerializerRequestsAsItParsesThem() {
        // Given the schema a KafkaAvroSerializer registers for topic press-telemetry
        Schema schema = PlantSchemas.machineState();
        String body = RawHttp.schemaBody(schema.toString());

        // When it registers (RestService.registerSchema), then looks the schema up and reads it by id
        Answer registered = http.post("/subjects/press-telemetry-value/versions?normalize=false", body);
        int id = registered.json().get("id").asInt();
        Answer lookup = http.post("/subjects/press-telemetry-value?normalize=false&deleted=false", body);
        Answer byId = http.get("/schemas/ids/" + id + "?fetchMaxId=false&subject=press-telemetry-value");

        // Then each answer is 200, v1 JSON, and has exactly the fields Confluent's entities hold
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo(V1_JSON);
        assertThat(registered.json().fieldNames()).toIterable().containsExactly("id");
        assertThat(registered.json().get("id").isInt()).isTrue();
        assertThat(lookup.json().fieldNames()).toIterable().containsExactly("subject", "version", "id", "schema");
        assertThat(lookup.json().get("version").asInt()).isEqualTo(1);
        assertThat(lookup.json().get("id").asInt()).isEqualTo(id);
        assertThat(byId.json().fieldNames()).toIterable().containsExactly("schema");
        assertThat(new Schema.Parser().parse(byId.json().get("schema").asText())).isEqualTo(schema);
    }

    @Test
    void shouldAnswerTheJavaClientsReadRequests() {
        // Given a subject with one version, its schema used nowhere else
        int id = http.post("/subjects/oven-temps-value/versions?normalize=false",
                RawHttp.schemaBody(PlantSchemas.counterReading(2).toString())).json().get("id").asInt();

        // When the client lists and reads with the query parameters RestService always adds
        Answer version = http.get("/subjects/oven-temps-value/versions/1?deleted=false");
        Answer latest = http.get("/subjects/oven-temps-value/versions/latest");
        Answer versions = http.get("/subjects/oven-temps-value/versions?deleted=false&deletedOnly=false");
        Answer subjects = http.get("/subjects?deleted=false&deletedOnly=false");
        Answer idVersions = http.get("/schemas/ids/" + id + "/versions?deleted=false");
        Answer types = http.get("/schemas/types");

        // Then they parse as Schema, List<Integer>, List<String>, List<SubjectVersion>, List<String>
        assertThat(version.json().fieldNames()).toIterable().containsExactly("subject", "version", "id", "schema");
        assertThat(latest.json().get("id").asInt()).isEqualTo(id);
        assertThat(versions.body()).isEqualTo("[1]");
        assertThat(subjects.json().isArray()).isTrue();
        assertThat(subjects.body()).contains("\"oven-temps-value\"");
        assertThat(idVersions.body()).isEqualTo("[{\"subject\":\"oven-temps-value\",\"version\":1}]");
        assertThat(types.body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void shouldAnswerTheJavaClientsConfigModeAndCompatibilityRequests() {
        // Given a subject with one version
        String body = RawHttp.schemaBody(PlantSchemas.machineState().toString());
        http.post("/subjects/dryer-value/versions?normalize=false", body);

        // When the client reads and sets config, reads the mode and tests compatibility
        Answer noLevel = http.get("/config/dryer-value?defaultToGlobal=false");
        Answer setLevel = http.put("/config/dryer-value", "{\"compatibility\":\"FULL\"}");
        Answer level = http.get("/config/dryer-value?defaultToGlobal=false");
        Answer mode = http.get("/mode");
        Answer latest = http.post("/compatibility/subjects/dryer-value/versions/latest?normalize=false&verbose=false",
                RawHttp.schemaBody(PlantSchemas.machineStateWithShift().toString()));
        Answer all = http.post("/compatibility/subjects/dryer-value/versions/?normalize=false&verbose=true",
                RawHttp.schemaBody(PlantSchemas.machineStateWithRequiredOperator().toString()));

        // Then Config, ConfigUpdateRequest, Mode and CompatibilityCheckResponse shapes come back
        assertThat(noLevel.status()).isEqualTo(404);
        assertThat(noLevel.errorCode()).isEqualTo(40408);
        assertThat(setLevel.body()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(level.body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(mode.body()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertThat(latest.body()).isEqualTo("{\"is_compatible\":true}");
        assertThat(all.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(all.json().get("messages").isArray()).isTrue();
    }

    @Test
    void shouldAnswerErrorsAsConfluentsErrorMessageEntity() {
        // Given no subject named silo-value
        // When the client reads it
        Answer missing = http.get("/subjects/silo-value/versions/latest");

        // Then the body is exactly {"error_code":..., "message":...}, which RestService maps to RestClientException
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo(V1_JSON);
        assertThat(missing.body()).isEqualTo("{\"error_code\":40401,\"message\":\"Subject 'silo-value' not found.\"}");
    }

    @Test
    void shouldAcceptEveryRequestContentTypeConfluentAccepts() {
        // Given the same schema sent under each content type Confluent consumes
        String body = RawHttp.schemaBody(PlantSchemas.machineState().toString());
        int expected = -1;
        for (String type : new String[] {V1_JSON, "application/vnd.schemaregistry+json", "application/json",
                "application/octet-stream"}) {
            // When it is registered
            Answer answer = http.send("POST", "/subjects/mixer-value/versions", body,
                    Map.of("Content-Type", type, "Accept", "application/json"));

            // Then each is accepted and gets the one id, answered in the JSON type the client asked for
            assertThat(answer.status()).as(type).isEqualTo(200);
            assertThat(answer.contentType()).isEqualTo("application/json");
            expected = expected < 0 ? answer.json().get("id").asInt() : expected;
            assertThat(answer.json().get("id").asInt()).isEqualTo(expected);
        }
    }

    @Test
    void shouldAnswerLibrdkafkaAndJavaScriptClientRequests() {
        // Given the body librdkafka sends (no references) and the one newer clients send (explicit type, nulls)
        String schema = PlantSchemas.counterReading(1).toString();
        String plain = "{\"schema\":" + quoted(schema) + "}";
        String explicit = "{\"schemaType\":\"AVRO\",\"schema\":" + quoted(schema)
                + ",\"references\":[],\"metadata\":null,\"ruleSet\":null}";

        // When both register and librdkafka reads the schema back by id
        Answer first = http.send("POST", "/subjects/filler-value/versions", plain, LIBRDKAFKA);
        Answer second = http.send("POST", "/subjects/filler-value/versions?normalize=false", explicit, LIBRDKAFKA);
        JsonNode byId = http.send("GET", "/schemas/ids/" + first.json().get("id").asInt(), null, LIBRDKAFKA).json();

        // Then both get the same id in the v1 content type
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo(V1_JSON);
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(byId.get("schema").asText()).isEqualTo(schema);
    }

    @Test
    void shouldSoftDeleteWithTheJavaClientsDeleteRequests() {
        // Given a subject with one version
        http.post("/subjects/packer-value/versions?normalize=false",
                RawHttp.schemaBody(PlantSchemas.machineState().toString()));

        // When RestService.deleteSubject and then a permanent delete are sent
        Answer soft = http.delete("/subjects/packer-value?permanent=false");
        Answer hard = http.delete("/subjects/packer-value?permanent=true");

        // Then each answers the deleted versions as List<Integer>
        assertThat(soft.body()).isEqualTo("[1]");
        assertThat(hard.body()).isEqualTo("[1]");
    }

    private static String quoted(String text) {
        try {
            return RawHttp.JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
