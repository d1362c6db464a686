package io.takt.platform.registry;

import org.apache.avro.Schema;

/**
 * What the serdes need from a Confluent-compatible schema registry. Implementations cache:
 * a schema id never changes its meaning, so each lookup goes over the network at most once.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /**
     * The global id of {@code schema} already registered under {@code subject}.
     *
     * @throws SchemaRegistryException 40401 (subject not found) or 40403 (schema not found)
     */
    int idOf(String subject, Schema schema);

    /**
     * The schema with this global id.
     *
     * @throws SchemaRegistryException 40403 when no schema has this id
     */
    Schema schemaById(int id);
}
