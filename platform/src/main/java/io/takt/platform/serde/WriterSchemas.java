package io.takt.platform.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryException;

/** Writer schemas by global id, fetched from the registry once each: an id never changes its meaning. */
final class WriterSchemas {

    private static final Logger log = LoggerFactory.getLogger(WriterSchemas.class);

    private final SchemaRegistryClient registry;
    private final ConcurrentMap<Integer, Schema> byId = new ConcurrentHashMap<>();

    WriterSchemas(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    Schema byId(int id, String topic) {
        Schema schema = byId.get(id);
        if (schema == null) {
            // Not computeIfAbsent: that would hold a map lock across a network call.
            schema = fetch(id, topic);
            byId.putIfAbsent(id, schema);
        }
        return schema;
    }

    private Schema fetch(int id, String topic) {
        try {
            Schema schema = registry.schemaById(id);
            log.debug("Writer schema id {} is {}", id, schema.getFullName());
            return schema;
        } catch (SchemaRegistryException e) {
            String hint = RegistryErrors.isNotFound(e) ? " (was it written against another schema registry?)" : "";
            throw RegistryErrors.translate(String.format(
                    "Cannot fetch writer schema id %d for a record from topic '%s'%s", id, topic, hint), e);
        }
    }
}
