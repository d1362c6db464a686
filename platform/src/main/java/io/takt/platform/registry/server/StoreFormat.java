package io.takt.platform.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON record format of Confluent Schema Registry's {@code _schemas} topic, so that the topic
 * Takt writes reads like Confluent's (and a topic Confluent wrote can be loaded).
 *
 * <p>Keys carry a {@code keytype}; Takt writes {@code SCHEMA} and {@code CONFIG} records and reads
 * {@code DELETE_SUBJECT} too. Other key types ({@code NOOP}, {@code MODE}, ...) are skipped.
 */
final class StoreFormat {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StoreFormat() {
    }

    /** A decoded record key. */
    sealed interface StoreKey permits SchemaKey, ConfigKey, DeleteSubjectKey, SkippedKey {
    }

    /** One version of a subject: {@code {"keytype":"SCHEMA","subject":...,"version":...,"magic":1}}. */
    @JsonPropertyOrder({"keytype", "subject", "version", "magic"})
    record SchemaKey(String subject, int version) implements StoreKey {
        @JsonProperty("keytype")
        String keytype() {
            return "SCHEMA";
        }

        @JsonProperty("magic")
        int magic() {
            return 1;
        }
    }

    /** A compatibility level; {@code subject} is null for the global one. */
    @JsonPropertyOrder({"keytype", "subject", "magic"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConfigKey(String subject) implements StoreKey {
        @JsonProperty("keytype")
        String keytype() {
            return "CONFIG";
        }

        @JsonProperty("magic")
        int magic() {
            return 0;
        }
    }

    /** Confluent's soft delete of a whole subject; Takt reads it but marks versions one by one. */
    record DeleteSubjectKey(String subject) implements StoreKey {
    }

    /** A key type the registry does not act on, or a record it cannot read. */
    record SkippedKey(String keytype) implements StoreKey {
    }

    /** The value of a {@link SchemaKey} record. */
    @JsonPropertyOrder({"subject", "version", "id", "schema", "deleted"})
    record SchemaValue(String subject, int version, int id, String schema, boolean deleted) {
        SchemaValue withDeleted(boolean nowDeleted) {
            return new SchemaValue(subject, version, id, schema, nowDeleted);
        }
    }

    /** The value of a {@link ConfigKey} record. */
    record ConfigValue(String compatibilityLevel) {
    }

    /** The value of a {@link DeleteSubjectKey} record: versions up to {@code version} are deleted. */
    record DeleteSubjectValue(String subject, int version) {
    }

    static byte[] encodeKey(StoreKey key) {
        if (!(key instanceof SchemaKey) && !(key instanceof ConfigKey)) {
            throw new IllegalArgumentException("Takt does not write " + key);
        }
        return write(key);
    }

    static byte[] encodeValue(Object value) {
        return value == null ? null : write(value);
    }

    /** Decodes a key; anything unreadable becomes a {@link SkippedKey} so one bad record cannot stop the reader. */
    static StoreKey decodeKey(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            String keytype = node.path("keytype").asText("");
            String subject = node.hasNonNull("subject") ? node.get("subject").asText() : null;
            return switch (keytype) {
                case "SCHEMA" -> new SchemaKey(subject, node.path("version").asInt());
                case "CONFIG" -> new ConfigKey(subject);
                case "DELETE_SUBJECT" -> new DeleteSubjectKey(subject);
                default -> new SkippedKey(keytype);
            };
        } catch (IOException | RuntimeException e) {
            return new SkippedKey("unreadable");
        }
    }

    static SchemaValue decodeSchemaValue(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, SchemaValue.class);
    }

    static ConfigValue decodeConfigValue(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, ConfigValue.class);
    }

    static DeleteSubjectValue decodeDeleteSubjectValue(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, DeleteSubjectValue.class);
    }

    private static byte[] write(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
