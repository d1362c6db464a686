package io.takt.platform.serde;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.SerializationException;

import io.takt.platform.registry.SchemaRegistryException;

/** Decides, in one place, which Kafka exception a schema registry failure becomes. */
final class RegistryErrors {

    private RegistryErrors() {
    }

    /**
     * Confluent's three-digit error codes (401 and 403 for credentials, 409 for an incompatible
     * schema) say the request can never succeed as configured: that is a fatal configuration error,
     * as Confluent's own serdes report it. Everything else, including an unreachable registry, is a
     * failure of this one record.
     */
    static KafkaException translate(String context, SchemaRegistryException e) {
        String message = context + ": " + e.getMessage();
        if (e.errorCode() / 100 == 4) {
            return new InvalidConfigurationException(message, e);
        }
        return new SerializationException(message, e);
    }

    /** Subject not found (40401) or schema not found under it (40403). */
    static boolean isNotFound(SchemaRegistryException e) {
        return e.errorCode() == 40401 || e.errorCode() == 40403;
    }
}
