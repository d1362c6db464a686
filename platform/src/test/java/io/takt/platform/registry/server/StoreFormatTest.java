package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.takt.platform.registry.server.StoreFormat.ConfigKey;
import io.takt.platform.registry.server.StoreFormat.ConfigValue;
import io.takt.platform.registry.server.StoreFormat.DeleteSubjectKey;
import io.takt.platform.registry.server.StoreFormat.SchemaKey;
import io.takt.platform.registry.server.StoreFormat.SchemaValue;
import io.takt.platform.registry.server.StoreFormat.SkippedKey;

class StoreFormatTest {

    @Test
    void shouldWriteSchemaRecordsInConfluentsFormat() throws Exception {
        // Given version 1 of subject press-value with id 7
        var key = new SchemaKey("press-value", 1);
        var value = new SchemaValue("press-value", 1, 7, "\"string\"", false);

        // When both are encoded
        String keyJson = text(StoreFormat.encodeKey(key));
        String valueJson = text(StoreFormat.encodeValue(value));

        // Then they are byte for byte what Confluent writes to _schemas
        assertThat(keyJson).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"press-value\",\"version\":1,\"magic\":1}");
        assertThat(valueJson).isEqualTo(
                "{\"subject\":\"press-value\",\"version\":1,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        assertThat(StoreFormat.decodeKey(keyJson.getBytes(StandardCharsets.UTF_8))).isEqualTo(key);
        assertThat(StoreFormat.decodeSchemaValue(valueJson.getBytes(StandardCharsets.UTF_8))).isEqualTo(value);
    }

    @Test
    void shouldWriteConfigRecordsInConfluentsFormat() {
        // Given a subject level and the global level
        // When they are encoded
        // Then the subject key names the subject, the global key omits it, the value names the level
        assertThat(text(StoreFormat.encodeKey(new ConfigKey("press-value"))))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"press-value\",\"magic\":0}");
        assertThat(text(StoreFormat.encodeKey(new ConfigKey(null)))).isEqualTo("{\"keytype\":\"CONFIG\",\"magic\":0}");
        assertThat(text(StoreFormat.encodeValue(new ConfigValue("FULL")))).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void shouldReadConfluentKeysTaktDoesNotWriteAndSkipUnknownOnes() {
        // Given keys as Confluent writes them, including an old-style global config key
        // When they are decoded
        // Then subject deletes and null-subject configs are understood, NOOP and garbage are skipped
        assertThat(StoreFormat.decodeKey(bytes("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}")))
                .isEqualTo(new DeleteSubjectKey("s"));
        assertThat(StoreFormat.decodeKey(bytes("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}")))
                .isEqualTo(new ConfigKey(null));
        assertThat(StoreFormat.decodeKey(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"))).isEqualTo(new SkippedKey("NOOP"));
        assertThat(StoreFormat.decodeKey(bytes("not json"))).isInstanceOf(SkippedKey.class);
    }

    @Test
    void shouldReadSchemaValuesWithFieldsNewerConfluentVersionsAdd() throws Exception {
        // Given a value carrying schemaType, references and metadata
        byte[] json = bytes("{\"subject\":\"s\",\"version\":2,\"id\":3,\"schemaType\":\"AVRO\",\"references\":[],"
                + "\"metadata\":null,\"schema\":\"\\\"int\\\"\",\"deleted\":true}");

        // When it is decoded
        // Then the fields Takt needs are read and the rest ignored
        assertThat(StoreFormat.decodeSchemaValue(json)).isEqualTo(new SchemaValue("s", 2, 3, "\"int\"", true));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
