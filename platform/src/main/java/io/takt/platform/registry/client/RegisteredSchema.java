package io.takt.platform.registry.client;

import org.apache.avro.Schema;

/** One version of a subject as the registry answers it. */
public record RegisteredSchema(String subject, int version, int id, String schema) {

    public Schema avroSchema() {
        return new Schema.Parser().parse(schema);
    }
}
