package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.takt.platform.registry.SchemaRegistryException;
import io.takt.platform.registry.client.RegisteredSchema;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.registry.server.RawHttp.Answer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.schemas.compat.CompatibilityLevel;

/** The REST API's behaviour, through Takt's client and through raw HTTP, on one broker and one registry. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchemaRegistryServerIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    private final RestSchemaRegistryClient client = new RestSchemaRegistryClient(backbone.registryUrl());
    private final RawHttp http = new RawHttp(backbone.registryUrl());


    @Test
    void shouldGiveTheSameIdWhenTheSameSchemaIsRegisteredTwice() {
        // Given MachineState registered under press-1-value
        int first = client.register("press-1-value", PlantSchemas.machineState());

        // When the same schema is registered again, once as other JSON text (spaces, key order)
        Answer again = http.post("/subjects/press-1-value/versions",
                RawHttp.schemaBody(" { \"namespace\":\"io.takt.test\", \"name\":\"MachineState\", \"type\":\"record\","
                        + " \"fields\":[{\"name\":\"machine\",\"type\":\"string\"},"
                        + "{\"type\":\"string\",\"name\":\"state\"}] }"));

        // Then the id is the same and no second version was created
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asInt()).isEqualTo(first);
        assertThat(client.versions("press-1-value")).containsExactly(1);
    }

    @Test
    void shouldReuseTheIdWhenAnotherSubjectRegistersTheSameSchema() {
        // Given MachineState registered under press-2-value
        int id = client.register("press-2-value", PlantSchemas.machineState());

        // When another subject registers the same schema
        int other = client.register("press-2-key-copy", PlantSchemas.machineState());

        // Then both share the global id, each as its own version 1
        assertThat(other).isEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id + "/versions").body())
                .contains("{\"subject\":\"press-2-value\",\"version\":1}")
                .contains("{\"subject\":\"press-2-key-copy\",\"version\":1}");
    }

    @Test
    void shouldRefuseAnIncompatibleChangeWithConflict409() {
        // Given MachineState v1 under press-3-value (default level BACKWARD)
        client.register("press-3-value", PlantSchemas.machineState());

        // When a version adding a required field without default is registered
        Answer refused = http.post("/subjects/press-3-value/versions",
                RawHttp.schemaBody(PlantSchemas.machineStateWithRequiredOperator().toString()));

        // Then it is refused with Confluent's 409 body, naming the subject and the problem
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.json().get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject "
                        + "\"press-3-value\", details: [")
                .contains("operator").contains("{compatibility: 'BACKWARD'}");
        assertThatThrownBy(() -> client.register("press-3-value", PlantSchemas.machineStateWithRequiredOperator()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                });
        // And a compatible evolution is accepted as version 2
        client.register("press-3-value", PlantSchemas.machineStateWithShift());
        assertThat(client.latest("press-3-value").version()).isEqualTo(2);
    }

    @Test
    void shouldAnswer40401ForAnUnknownSubject() {
        // Given no subject named unknown-line
        // When it is read, looked up or listed
        // Then each answer is 404 / 40401 with Confluent's message
        for (Answer answer : new Answer[] {
                http.get("/subjects/unknown-line/versions"),
                http.get("/subjects/unknown-line/versions/latest"),
                http.post("/subjects/unknown-line", RawHttp.schemaBody(PlantSchemas.machineState().toString())),
                http.delete("/subjects/unknown-line")}) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo(40401);
            assertThat(answer.json().get("message").asText()).isEqualTo("Subject 'unknown-line' not found.");
        }
        assertThatThrownBy(() -> client.idOf("unknown-line", PlantSchemas.machineState()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void shouldAnswer40402ForAnUnknownVersion() {
        // Given press-5-value with one version
        client.register("press-5-value", PlantSchemas.machineState());

        // When version 7 is asked for
        Answer answer = http.get("/subjects/press-5-value/versions/7");

        // Then it is 404 / 40402
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo(40402);
        assertThat(answer.json().get("message").asText()).isEqualTo("Version 7 not found.");
    }

    @Test
    void shouldAnswer40403ForAnUnknownIdOrAnUnregisteredSchema() {
        // Given press-6-value holding MachineState only
        client.register("press-6-value", PlantSchemas.machineState());

        // When an id nobody registered is read, and a schema the subject lacks is looked up
        Answer byId = http.get("/schemas/ids/99999");
        Answer lookup = http.post("/subjects/press-6-value",
                RawHttp.schemaBody(PlantSchemas.machineStateWithShift().toString()));

        // Then both are 404 / 40403
        assertThat(byId.status()).isEqualTo(404);
        assertThat(byId.errorCode()).isEqualTo(40403);
        assertThat(byId.json().get("message").asText()).isEqualTo("Schema 99999 not found");
        assertThat(lookup.status()).isEqualTo(404);
        assertThat(lookup.errorCode()).isEqualTo(40403);
        assertThatThrownBy(() -> client.schemaById(99999))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldAnswer42201ForAnInvalidSchemaOrAnotherSchemaType() {
        // Given a schema that is not valid Avro, one of another type, and a body without schema
        // When each is registered
        Answer invalid = http.post("/subjects/press-7-value/versions", RawHttp.schemaBody("{\"type\":\"recrod\"}"));
        Answer protobuf = http.post("/subjects/press-7-value/versions",
                "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");
        Answer empty = http.post("/subjects/press-7-value/versions", "{\"references\":[]}");

        // Then each is 422 / 42201 and nothing is registered
        for (Answer answer : new Answer[] {invalid, protobuf, empty}) {
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.errorCode()).isEqualTo(42201);
        }
        assertThat(protobuf.json().get("message").asText()).isEqualTo("Invalid schema type PROTOBUF");
        assertThat(http.get("/subjects/press-7-value/versions").errorCode()).isEqualTo(40401);
    }

    @Test
    void shouldAnswer42202ForAnInvalidVersion() {
        // Given press-8-value with one version
        client.register("press-8-value", PlantSchemas.machineState());

        // When versions 0 and "first" are asked for
        // Then both are 422 / 42202 with Confluent's message
        for (String version : new String[] {"0", "first"}) {
            Answer answer = http.get("/subjects/press-8-value/versions/" + version);
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.errorCode()).isEqualTo(42202);
            assertThat(answer.json().get("message").asText()).isEqualTo("The specified version '" + version
                    + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        // And -1 means latest
        assertThat(http.get("/subjects/press-8-value/versions/-1").json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldSoftDeleteASubjectKeepItsIdReadableAndAcceptItAgain() {
        // Given press-9-value version 1
        int id = client.register("press-9-value", PlantSchemas.machineState());

        // When the subject is soft-deleted
        assertThat(client.deleteSubject("press-9-value", false)).containsExactly(1);

        // Then it is gone from listings but its id still decodes old data
        assertThat(client.subjects()).doesNotContain("press-9-value");
        assertThat(client.subjects(true)).contains("press-9-value");
        assertThat(http.get("/subjects/press-9-value/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText())
                .isEqualTo(PlantSchemas.machineState().toString());
        assertThat(http.delete("/subjects/press-9-value").errorCode()).isEqualTo(40404);

        // When the same schema is registered again
        int again = client.register("press-9-value", PlantSchemas.machineState());

        // Then it keeps its id, as a new version 2 (deleted version numbers are not reused)
        assertThat(again).isEqualTo(id);
        assertThat(client.versions("press-9-value")).containsExactly(2);
        assertThat(http.get("/subjects/press-9-value/versions?deleted=true").body()).isEqualTo("[1,2]");
    }

    @Test
    void shouldRequireASoftDeleteBeforeAPermanentOne() {
        // Given press-10-value with versions 1 and 2
        client.register("press-10-value", PlantSchemas.machineState());
        client.register("press-10-value", PlantSchemas.machineStateWithShift());

        // When version 2 and the subject are deleted permanently without a soft delete first
        Answer version = http.delete("/subjects/press-10-value/versions/2?permanent=true");
        Answer subject = http.delete("/subjects/press-10-value?permanent=true");

        // Then Confluent's 40407 and 40405 refuse it
        assertThat(version.errorCode()).isEqualTo(40407);
        assertThat(version.json().get("message").asText())
                .isEqualTo("Subject 'press-10-value' Version 2 was not deleted first before being permanently deleted");
        assertThat(subject.errorCode()).isEqualTo(40405);
        assertThat(subject.json().get("message").asText())
                .isEqualTo("Subject 'press-10-value' was not deleted first before being permanently deleted");

        // When version 2 is soft- then permanently deleted
        assertThat(http.delete("/subjects/press-10-value/versions/2").body()).isEqualTo("2");
        assertThat(http.delete("/subjects/press-10-value/versions/2").errorCode()).isEqualTo(40406);
        assertThat(http.delete("/subjects/press-10-value/versions/2?permanent=true").body()).isEqualTo("2");

        // Then only version 1 remains, even counting deleted ones
        assertThat(http.get("/subjects/press-10-value/versions?deleted=true").body()).isEqualTo("[1]");
        assertThat(client.deleteSubject("press-10-value", false)).containsExactly(1);
        assertThat(client.deleteSubject("press-10-value", true)).containsExactly(1);
        assertThat(client.subjects(true)).doesNotContain("press-10-value");
    }

    @Test
    void shouldApplyCompatibilityLevelsPerSubject() {
        // Given press-11-value with v1 and no level of its own
        client.register("press-11-value", PlantSchemas.machineState());
        Answer none = http.get("/config/press-11-value");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.errorCode()).isEqualTo(40408);
        assertThat(none.json().get("message").asText())
                .isEqualTo("Subject 'press-11-value' does not have subject-level compatibility configured");
        assertThat(http.get("/config/press-11-value?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        // When the subject is set to NONE
        Answer put = http.put("/config/press-11-value", "{\"compatibility\":\"NONE\"}");

        // Then it answers like Confluent and an otherwise incompatible schema is accepted there only
        assertThat(put.body()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(client.subjectCompatibility("press-11-value")).contains(CompatibilityLevel.NONE);
        client.register("press-11-value", PlantSchemas.machineStateWithRequiredOperator());
        client.register("press-11-other", PlantSchemas.machineState());
        assertThatThrownBy(() -> client.register("press-11-other", PlantSchemas.machineStateWithRequiredOperator()))
                .isInstanceOf(SchemaRegistryException.class);

        // When its level is deleted, and an unknown level is sent
        assertThat(http.delete("/config/press-11-value").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        Answer invalid = http.put("/config/press-11-value", "{\"compatibility\":\"SIDEWAYS\"}");

        // Then it follows the global level again and the bad level is 422 / 42203
        assertThat(client.subjectCompatibility("press-11-value")).isEmpty();
        assertThat(client.compatibility("press-11-value")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void shouldChangeTheGlobalLevelForSubjectsWithoutTheirOwn() {
        // Given press-12-value with v1 under the global BACKWARD level
        client.register("press-12-value", PlantSchemas.machineState());
        try {
            // When the global level becomes FORWARD
            assertThat(http.put("/config", "{\"compatibility\":\"FORWARD\"}").body())
                    .isEqualTo("{\"compatibility\":\"FORWARD\"}");

            // Then adding a required field (forward-compatible: old readers ignore it) is accepted
            assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FORWARD);
            client.register("press-12-value", PlantSchemas.machineStateWithRequiredOperator());
        } finally {
            client.setCompatibility(CompatibilityLevel.BACKWARD);
        }
    }

    @Test
    void shouldAnswerCompatibilityChecksWithVerboseMessages() {
        // Given press-13-value v1
        client.register("press-13-value", PlantSchemas.machineState());

        // When a compatible and an incompatible candidate are checked against latest
        Answer good = http.post("/compatibility/subjects/press-13-value/versions/latest",
                RawHttp.schemaBody(PlantSchemas.machineStateWithShift().toString()));
        Answer bad = http.post("/compatibility/subjects/press-13-value/versions/latest?verbose=true",
                RawHttp.schemaBody(PlantSchemas.machineStateWithRequiredOperator().toString()));

        // Then Confluent's is_compatible flag answers, with messages when verbose
        assertThat(good.body()).isEqualTo("{\"is_compatible\":true}");
        assertThat(bad.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.json().get("messages").toString()).contains("operator");
        assertThat(client.testCompatibility("press-13-value", PlantSchemas.machineStateWithRequiredOperator()))
                .isNotEmpty();
        assertThat(http.post("/compatibility/subjects/press-13-value/versions/9",
                RawHttp.schemaBody(PlantSchemas.machineState().toString())).errorCode()).isEqualTo(40402);
        assertThat(http.post("/compatibility/subjects/no-such-line/versions/latest",
                RawHttp.schemaBody(PlantSchemas.machineState().toString())).body()).isEqualTo("{\"is_compatible\":true}");
    }

    @Test
    void shouldServeSchemasByIdInConfluentsShapes() {
        // Given MachineState registered under press-14-value
        Schema schema = PlantSchemas.machineState();
        int id = client.register("press-14-value", schema);

        // When it is read by id, raw, and by version
        Answer byId = http.get("/schemas/ids/" + id + "?fetchMaxId=false&subject=press-14-value");
        Answer raw = http.get("/schemas/ids/" + id + "/schema");
        RegisteredSchema version = client.version("press-14-value", 1);

        // Then the id answer holds only "schema" (no schemaType for AVRO) and the raw one is the schema itself
        assertThat(byId.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(byId.json().fieldNames()).toIterable().containsExactly("schema");
        assertThat(new Schema.Parser().parse(raw.body())).isEqualTo(schema);
        assertThat(version).isEqualTo(new RegisteredSchema("press-14-value", 1, id, schema.toString()));
        assertThat(client.schemaById(id)).isEqualTo(schema);
    }

    @Test
    void shouldAnswerProbesAndUnknownRoutesLikeConfluent() {
        // Given a running registry
        // When clients probe it and call a route that does not exist
        // Then the probes answer and the unknown route is 404 with error_code 404
        assertThat(http.get("/").body()).isEqualTo("{}");
        assertThat(http.get("/mode").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
        Answer unknown = http.get("/no/such/route");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    }
}
