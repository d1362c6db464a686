package io.takt.acquisition.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryException;

/**
 * Schema ids for framing buffered values, registered under {@code <topic>-value} (Confluent's
 * topic-name strategy, as the platform serializer does) and cached per subject and schema. A
 * rejection is remembered for a minute, so that a backlog of events with an incompatible schema
 * does not ask the registry once per event.
 */
final class SchemaIds {

    static final Duration REJECTION_MEMORY = Duration.ofMinutes(1);

    private final SchemaRegistryClient registry;
    private final Clock clock;
    private final Map<Subject, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Subject, Rejection> rejections = new ConcurrentHashMap<>();

    private record Subject(String name, Schema schema) {
    }

    private record Rejection(SchemaRegistryException error, Instant until) {
    }

    SchemaIds(SchemaRegistryClient registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * The id of {@code schema} under the topic's value subject.
     *
     * @throws SchemaRegistryException if the registry rejects the schema or cannot be reached
     *                                 ({@link DeliveryFailure#of} tells which)
     */
    int idFor(String topic, Schema schema) {
        Subject subject = new Subject(topic + "-value", schema);
        Integer known = ids.get(subject);
        if (known != null) {
            return known;
        }
        Rejection rejected = rejections.get(subject);
        if (rejected != null && clock.instant().isBefore(rejected.until())) {
            throw rejected.error();
        }
        try {
            int id = registry.register(subject.name(), schema);
            ids.put(subject, id);
            rejections.remove(subject);
            return id;
        } catch (SchemaRegistryException e) {
            if (DeliveryFailure.schemaRejected(e)) {
                rejections.put(subject, new Rejection(e, clock.instant().plus(REJECTION_MEMORY)));
            }
            throw e;
        }
    }
}
