package io.takt.platform.registry.server;

import java.util.List;

import org.apache.avro.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of register, lookup and compatibility requests, as Confluent's clients send it:
 * {@code {"schema": "...", "schemaType": "AVRO", "references": []}}; other fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RegisterRequest(String schema, String schemaType, List<Object> references) {

    /** The Avro schema asked for; another schema type or any reference is Confluent's 422 / 42201. */
    Schema avroSchema() {
        if (schemaType != null && !schemaType.equalsIgnoreCase("AVRO")) {
            throw RegistryError.invalidSchema("Invalid schema type " + schemaType);
        }
        if (references != null && !references.isEmpty()) {
            throw RegistryError.invalidSchema("Invalid schema: schema references are not supported by this registry");
        }
        return SchemaText.parse(schema);
    }
}
