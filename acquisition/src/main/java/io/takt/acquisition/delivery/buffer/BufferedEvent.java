package io.takt.acquisition.delivery.buffer;

import java.time.Instant;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * An event read back from the buffer.
 *
 * @param position     its place in the buffer: positions only grow, and Kafka's committed position
 *                     is the first one not yet delivered
 * @param appendTime   when it was written ahead
 * @param topic        the Kafka topic it belongs on
 * @param key          its record key
 * @param schemaName   full name of its Avro record schema, for logs and dead letters
 * @param writerSchema the exact schema its value was written with; null only if the buffer's schema
 *                     file for it is lost and no class of that name is on the classpath
 * @param value        plain Avro binary
 */
public record BufferedEvent(long position, Instant appendTime, String topic, String key, String schemaName,
                            Schema writerSchema, byte[] value) {

    public Optional<Schema> schema() {
        return Optional.ofNullable(writerSchema);
    }

    @Override
    public String toString() {
        return "#" + position + " " + schemaName + " for " + topic + " key " + key + " (" + value.length
                + " bytes, appended " + appendTime + ")";
    }
}
