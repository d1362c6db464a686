package io.takt.acquisition.delivery.buffer;

import java.util.Objects;

import org.apache.avro.Schema;

/**
 * An event ready to be written ahead: its topic and key, and its value as plain Avro binary with the
 * schema it was written with. Plain binary, not Confluent's wire format: framing needs a schema id,
 * and the schema registry may be unreachable exactly when Kafka is.
 */
public record SerializedEvent(String topic, String key, Schema schema, byte[] value) {

    public SerializedEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(value, "value");
    }
}
