package io.takt.platform.serde;

import java.util.Map;
import java.util.Objects;

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

    private final SchemaRegistryClient injectedClient;
    private OwnedClient ownedClient;
    private volatile RecordEncoder encoder;

    /** For Kafka's reflective instantiation from a class name; {@link #configure} must follow. */
    public AvroSerializer() {
        this.injectedClient = null;
    }

    /**
     * For programmatic use with a client the caller owns. Ready at once as a value serializer that
     * registers schemas; {@link #configure} may change that.
     */
    public AvroSerializer(SchemaRegistryClient client) {
        this.injectedClient = Objects.requireNonNull(client, "client");
        this.encoder = new RecordEncoder(new SubjectSchemaIds(client, true, false));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        configure(config, isKey, injectedClient != null ? injectedClient : ownClientFrom(config));
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
        closeOwnedClient();
    }

    private RecordEncoder configuredEncoder() {
        RecordEncoder current = encoder;
        if (current == null) {
            throw new IllegalStateException("AvroSerializer is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ", or construct it with a SchemaRegistryClient");
        }
        return current;
    }

    private SchemaRegistryClient ownClientFrom(AvroSerdeConfig config) {
        closeOwnedClient();
        ownedClient = OwnedClient.buildFrom(config);
        return ownedClient.client();
    }

    private void closeOwnedClient() {
        if (ownedClient != null) {
            ownedClient.close();
            ownedClient = null;
        }
    }
}
