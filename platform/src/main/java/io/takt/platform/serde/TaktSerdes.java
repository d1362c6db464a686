package io.takt.platform.serde;

import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

import io.takt.platform.registry.SchemaRegistryClient;

/** Configured Avro serdes for Takt's topics, in one call each. */
public final class TaktSerdes {

    private TaktSerdes() {
    }

    /** A serde of {@code type} using {@code client}, which the caller owns; schemas are auto-registered. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, SchemaRegistryClient client,
            boolean isKey) {
        AvroSerde<T> serde = new AvroSerde<>(type, client);
        serde.configure(Map.of(), isKey);
        return serde;
    }

    /**
     * A serde of {@code type} with its own registry client built from {@code config}
     * ({@value AvroSerdeConfig#SCHEMA_REGISTRY_URL} and the other {@link AvroSerdeConfig} keys),
     * closed with the serde.
     */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, Map<String, ?> config,
            boolean isKey) {
        AvroSerde<T> serde = new AvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }

    /** A serde of GenericRecords as written, using {@code client}, which the caller owns. */
    public static AvroSerde<GenericRecord> generic(SchemaRegistryClient client, boolean isKey) {
        AvroSerde<GenericRecord> serde = new AvroSerde<>(client);
        serde.configure(Map.of(), isKey);
        return serde;
    }

    /** A serde of GenericRecords as written, with its own registry client built from {@code config}. */
    public static AvroSerde<GenericRecord> generic(Map<String, ?> config, boolean isKey) {
        AvroSerde<GenericRecord> serde = new AvroSerde<>();
        serde.configure(config, isKey);
        return serde;
    }
}
