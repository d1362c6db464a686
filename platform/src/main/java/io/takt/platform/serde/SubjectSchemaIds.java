package io.takt.platform.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryException;

/**
 * The schema id a serializer writes for each schema under each subject: asked of the registry for
 * the first record and remembered, so the hot path makes no registry call.
 */
final class SubjectSchemaIds {

    private static final Logger log = LoggerFactory.getLogger(SubjectSchemaIds.class);

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final boolean isKey;
    private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    SubjectSchemaIds(SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    /** The subject that records for {@code topic} are registered under. */
    String subjectFor(String topic) {
        if (topic == null) {
            throw new SerializationException("No topic given: the Avro serializer names the schema subject after the topic");
        }
        return TopicNameStrategy.subjectName(topic, isKey);
    }

    int idFor(String topic, String subject, Schema schema) {
        ConcurrentMap<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer id = ids.get(schema);
        if (id == null) {
            // Not computeIfAbsent: that would hold a map lock across a network call. Two threads
            // racing here both ask the registry, which answers both with the same id.
            id = askRegistry(topic, subject, schema);
            ids.putIfAbsent(schema, id);
        }
        return id;
    }

    private int askRegistry(String topic, String subject, Schema schema) {
        try {
            int id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
            log.debug("Schema {} is id {} under subject '{}'", schema.getFullName(), id, subject);
            return id;
        } catch (SchemaRegistryException e) {
            if (!autoRegister && RegistryErrors.isNotFound(e)) {
                throw new SerializationException(String.format(
                        "Schema %s is not registered under subject '%s' (topic '%s') and %s=false: "
                                + "register it first, or let the serializer register it",
                        schema.getFullName(), subject, topic, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS), e);
            }
            throw RegistryErrors.translate(String.format("Cannot %s schema %s under subject '%s' (topic '%s')",
                    autoRegister ? "register" : "look up", schema.getFullName(), subject, topic), e);
        }
    }
}
