package io.takt.platform.serde;

import java.util.Map;

import org.apache.kafka.common.serialization.Serializer;

import io.takt.platform.registry.SchemaRegistryClient;

/**
 * Kafka serializer writing Avro SpecificRecords and GenericRecords in Confluent's wire format, with
 * the schema registered (or looked up) under {@code <topic>-value} or {@code <topic>-key}.
 * A null datum serializes to null, so tombstones pass through. Safe to share between threads.
 *
 * <p>Settings: {@value AvroSerdeConfig#SCHEMA_REGISTRY_URL}, {@value AvroSerdeConfig#BASIC_AUTH_USER_INFO},
 * {@value AvroSerdeConfig#AUTO_REGISTER_SCHEMAS} (see {@link AvroSerdeConfig}).
 */
public class AvroSerializer<T> implements Serializer<T> {

    private final RegistryClientSource clients;
    private volatile RecordEncoder encoder;

    /** For Kafka's reflective instantiation from a class name; {@link #configure} must follow. */
    public AvroSerializer() {
        this.clients = RegistryClientSource.fromConfig();
    }

    /**
     * For programmatic use with a client the caller owns. Ready at once as a value serializer that
     * registers schemas; {@link #configure} may change that.
     */
    public AvroSerializer(SchemaRegistryClient client) {
        this.clients = RegistryClientSource.injected(client);
        this.encoder = new RecordEncoder(new SubjectSchemaIds(client, true, false));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        configure(config, isKey, clients.clientFor(config));
    }

    /** For a serde sharing one client between its serializer and deserializer. */
    void configure(AvroSerdeConfig config, boolean isKey, SchemaRegistryClient client) {
        encoder = new RecordEncoder(new SubjectSchemaIds(client, config.autoRegisterSchemas(), isKey));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        return configuredEncoder().encode(topic, data);
    }

    @Override
    public void close() {
        RecordEncoder current = encoder;
        if (current != null) {
            current.release();
        }
        clients.close();
    }

    private RecordEncoder configuredEncoder() {
        RecordEncoder current = encoder;
        if (current == null) {
            throw RegistryClientSource.notConfigured("AvroSerializer");
        }
        return current;
    }
}
