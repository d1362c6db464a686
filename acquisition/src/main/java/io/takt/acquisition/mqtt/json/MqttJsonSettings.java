package io.takt.acquisition.mqtt.json;

import io.takt.acquisition.mqtt.MqttConnectionSettings;
import io.takt.acquisition.tagmap.ConnectionEntry;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a {@link MqttJsonSource}: the MQTT connection ({@link MqttConnectionSettings#KEYS}),
 * the subscription QoS and the {@code mappings} list ({@link JsonTopicMapping}), read from the
 * source's {@code connection:} map in the tag map.
 *
 * @param sourceId   the source id
 * @param connection how to reach the broker
 * @param qos        the QoS to subscribe with, 0 or 1
 * @param mappings   the topic mappings; every mapping that matches a message yields a sample
 */
public record MqttJsonSettings(String sourceId, MqttConnectionSettings connection, int qos,
        List<JsonTopicMapping> mappings) {

    /** The structured key that holds the mappings. */
    public static final String MAPPINGS = "mappings";

    public static final ConfigKey<Integer> QOS = ConfigKey.of("qos", ConfigType.INT)
            .withDefault(1)
            .withValidator(Validator.between(0, 1))
            .withDoc("QoS of the subscriptions: 1 (at least once) or 0 (at most once).");

    /** Every flat key a JSON source's {@code connection:} map accepts, besides {@code mappings}. */
    public static final List<ConfigKey<?>> KEYS;

    static {
        List<ConfigKey<?>> keys = new ArrayList<>(MqttConnectionSettings.KEYS);
        keys.add(QOS);
        KEYS = List.copyOf(keys);
    }

    public MqttJsonSettings {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(connection, "connection");
        mappings = List.copyOf(mappings);
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("A JSON source needs at least one mapping");
        }
    }

    /**
     * Reads a source's {@code connection:} map.
     *
     * @throws ConfigException naming every bad, missing or unknown key and every bad mapping
     */
    public static MqttJsonSettings fromConnection(String sourceId, Map<String, ?> connection) {
        ConnectionEntry entry = ConnectionEntry.read(sourceId, connection, KEYS, Set.of(MAPPINGS));
        MqttConnectionSettings mqtt = MqttConnectionSettings.from(entry);
        List<JsonTopicMapping> mappings = JsonTopicMapping.listFrom(entry, MAPPINGS);
        entry.throwIfInvalid();
        return new MqttJsonSettings(sourceId, mqtt, entry.get(QOS), mappings);
    }

    /** The distinct topic filters to subscribe to. */
    List<String> topicFilters() {
        return mappings.stream().map(m -> m.topic().toString()).distinct().toList();
    }
}
