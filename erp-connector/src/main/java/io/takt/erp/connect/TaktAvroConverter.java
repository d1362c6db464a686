package io.takt.erp.connect;

import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.serde.AvroSerde;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;

/**
 * Kafka Connect converter for Takt's Avro topics: Confluent's wire format (magic byte 0, 4-byte
 * schema id, Avro binary), read and written by the platform's serdes and schema registry client. It
 * lets sink connectors such as Debezium's JDBC sink consume Takt topics as Connect structs.
 *
 * <p>Configure it under the worker's or connector's converter prefix, e.g.
 * {@code value.converter=io.takt.erp.connect.TaktAvroConverter} and
 * {@code value.converter.schema.registry.url=http://registry:8081}; it takes every {@link AvroSerdeConfig}
 * setting. Records are read as they were written and mapped as {@link ConnectSchemas} describes. A
 * record that cannot be read or mapped fails with a {@link DataException} naming its topic, which is
 * what Connect's {@code errors.tolerance} and dead letter queue act on.
 */
public final class TaktAvroConverter implements Converter {

    /** A test's registry; null in Connect, where the serde builds its own client from the configuration. */
    private final SchemaRegistryClient registry;
    private final ConnectSchemas schemas = new ConnectSchemas();
    private AvroSerde<GenericRecord> serde;

    /** For Kafka Connect, which finds the converter by ServiceLoader; {@link #configure} must follow. */
    public TaktAvroConverter() {
        this(null);
    }

    /** With a registry the caller owns, in place of one built from {@value AvroSerdeConfig#SCHEMA_REGISTRY_URL}. */
    TaktAvroConverter(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Configuring again replaces the serde; closing the old one releases its registry client.
        close();
        serde = newSerde(configs, isKey);
    }

    private AvroSerde<GenericRecord> newSerde(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            return TaktSerdes.generic(configs, isKey);
        }
        // Not TaktSerdes.generic(registry, isKey): that ignores the configs, which tests set too.
        AvroSerde<GenericRecord> withRegistry = new AvroSerde<>(registry);
        withRegistry.configure(configs, isKey);
        return withRegistry;
    }

    @Override
    public ConfigDef config() {
        return AvroSerdeConfig.definition();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        try {
            // Object, not GenericRecord: a topic may hold another Avro container, such as an enum.
            Object datum = configured().deserializer().deserialize(topic, value);
            return datum == null ? SchemaAndValue.NULL : schemas.toConnect(container(datum));
        } catch (SerializationException | DataException e) {
            throw new DataException(String.format("Cannot convert a record from topic '%s' to Connect data: %s",
                    topic, e.getMessage()), e);
        }
    }

    /** The schema id is in the payload, not in headers, so the headers change nothing. */
    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        return toConnectData(topic, value);
    }

    /**
     * Writes a struct as an Avro record under the subject {@code <topic>-value} (or {@code -key});
     * null stays null, so tombstones pass.
     *
     * @throws DataException for anything but a struct with a schema, or when writing fails
     */
    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema == null || schema.type() != Schema.Type.STRUCT) {
            throw new DataException(String.format("Cannot write to topic '%s': only structs with a schema become "
                    + "Avro records, not %s", topic, schema == null ? "schemaless data" : schema.type()));
        }
        try {
            return configured().serializer().serialize(topic, schemas.toAvro(schema, value));
        } catch (SerializationException | DataException | AvroRuntimeException e) {
            throw new DataException(String.format("Cannot convert Connect data for topic '%s' to Avro: %s",
                    topic, e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        if (serde != null) {
            serde.close();
            serde = null;
        }
    }

    private AvroSerde<GenericRecord> configured() {
        if (serde == null) {
            throw new IllegalStateException("TaktAvroConverter is not configured: call configure() first");
        }
        return serde;
    }

    /** Takt's serializer writes only Avro containers; a bare value has no schema to map from. */
    private static GenericContainer container(Object datum) {
        if (datum instanceof GenericContainer container) {
            return container;
        }
        throw new DataException("the record is a bare " + datum.getClass().getSimpleName()
                + ", not an Avro record: its schema is unknown, so it cannot be mapped");
    }
}
