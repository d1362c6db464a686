package io.takt.platform.serde;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import io.takt.platform.registry.SchemaRegistryClient;

/**
 * Kafka deserializer for Confluent's Avro wire format. It fetches the writer's schema by the id in
 * the record and resolves it against the reader's: a given SpecificRecord class's schema, or,
 * without one, per {@value AvroSerdeConfig#SPECIFIC_AVRO_VALUE_TYPE} /
 * {@value AvroSerdeConfig#SPECIFIC_AVRO_KEY_TYPE} and {@value AvroSerdeConfig#SPECIFIC_AVRO_READER}
 * (default: GenericRecords as written). Null or empty bytes read as null. Safe to share between threads.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private final ReaderSchemas intoType;
    private final RegistryClientSource clients;
    private volatile RecordDecoder decoder;

    /** For Kafka's reflective instantiation from a class name; {@link #configure} must follow. */
    public AvroDeserializer() {
        this.intoType = null;
        this.clients = RegistryClientSource.fromConfig();
    }

    /** For programmatic use with a client the caller owns; ready at once, reading GenericRecords. */
    public AvroDeserializer(SchemaRegistryClient client) {
        this.intoType = null;
        this.clients = RegistryClientSource.injected(client);
        this.decoder = new RecordDecoder(new WriterSchemas(client), ReaderSchemas.asWritten());
    }

    /**
     * Reads every record into the SpecificRecord class {@code type}; {@link #configure} must follow.
     *
     * @throws IllegalArgumentException if {@code type} is not a SpecificRecord class
     */
    public AvroDeserializer(Class<T> type) {
        this.intoType = ReaderSchemas.intoClass(type);
        this.clients = RegistryClientSource.fromConfig();
    }

    /**
     * Reads every record into the SpecificRecord class {@code type}, with a client the caller owns;
     * ready at once.
     *
     * @throws IllegalArgumentException if {@code type} is not a SpecificRecord class
     */
    public AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.intoType = ReaderSchemas.intoClass(type);
        this.clients = RegistryClientSource.injected(client);
        this.decoder = new RecordDecoder(new WriterSchemas(client), intoType);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        configure(config, isKey, clients.clientFor(config));
    }

    /** For a serde sharing one client between its serializer and deserializer. */
    void configure(AvroSerdeConfig config, boolean isKey, SchemaRegistryClient client) {
        decoder = new RecordDecoder(new WriterSchemas(client), readerSchemas(config, isKey));
    }

    private ReaderSchemas readerSchemas(AvroSerdeConfig config, boolean isKey) {
        if (intoType != null) {
            return intoType;
        }
        Class<?> configuredType = config.specificType(isKey);
        if (configuredType != null) {
            return ReaderSchemas.intoClass(configuredType);
        }
        return config.specificAvroReader() ? ReaderSchemas.intoClassNamedByWriter() : ReaderSchemas.asWritten();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        return (T) configuredDecoder().decode(topic, unframe(topic, data));
    }

    @Override
    public void close() {
        clients.close();
    }

    private static ConfluentWireFormat.Framed unframe(String topic, byte[] data) {
        try {
            return ConfluentWireFormat.unframe(data);
        } catch (SerializationException e) {
            throw new SerializationException("Cannot read record from topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    private RecordDecoder configuredDecoder() {
        RecordDecoder current = decoder;
        if (current == null) {
            throw RegistryClientSource.notConfigured("AvroDeserializer");
        }
        return current;
    }
}
