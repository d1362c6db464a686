package io.takt.platform.serde;

import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.takt.platform.registry.SchemaRegistryClient;

/**
 * {@link AvroSerializer} and {@link AvroDeserializer} as one Kafka Streams serde, sharing one
 * registry client. Configure it before use unless it was built with a client; {@link TaktSerdes}
 * returns configured ones.
 */
public class AvroSerde<T> implements Serde<T> {

    private final RegistryClientSource clients;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** For Kafka Streams' reflective instantiation ({@code default.value.serde}); reads GenericRecords by default. */
    public AvroSerde() {
        this.clients = RegistryClientSource.fromConfig();
        this.serializer = new AvroSerializer<>();
        this.deserializer = new AvroDeserializer<>();
    }

    /** Generic records, with a client the caller owns; ready at once as a value serde. */
    public AvroSerde(SchemaRegistryClient client) {
        this.clients = RegistryClientSource.injected(client);
        this.serializer = new AvroSerializer<>(client);
        this.deserializer = new AvroDeserializer<>(client);
    }

    /** Records of the SpecificRecord class {@code type}; {@link #configure} must follow. */
    public AvroSerde(Class<T> type) {
        this.clients = RegistryClientSource.fromConfig();
        this.serializer = new AvroSerializer<>();
        this.deserializer = new AvroDeserializer<>(type);
    }

    /** Records of the SpecificRecord class {@code type}, with a client the caller owns; ready at once as a value serde. */
    public AvroSerde(Class<T> type, SchemaRegistryClient client) {
        this.clients = RegistryClientSource.injected(client);
        this.serializer = new AvroSerializer<>(client);
        this.deserializer = new AvroDeserializer<>(type, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        SchemaRegistryClient client = clients.clientFor(config);
        serializer.configure(config, isKey, client);
        deserializer.configure(config, isKey, client);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
        clients.close();
    }
}
