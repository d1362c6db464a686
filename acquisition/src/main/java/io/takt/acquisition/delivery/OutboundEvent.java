package io.takt.acquisition.delivery;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecordBase;

/**
 * A canonical event on its way to Kafka: the topic it belongs on, its key (the equipment or lot id,
 * which keeps each machine's events in order on one partition) and the Avro record.
 */
public record OutboundEvent(String topic, String key, SpecificRecordBase value) {

    public OutboundEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
