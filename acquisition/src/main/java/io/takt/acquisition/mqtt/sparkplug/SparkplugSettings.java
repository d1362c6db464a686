package io.takt.acquisition.mqtt.sparkplug;

import io.takt.acquisition.mqtt.MqttConnectionSettings;
import io.takt.acquisition.tagmap.ConnectionEntry;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.Validator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of a {@link SparkplugSource}: the MQTT connection ({@link MqttConnectionSettings#KEYS})
 * plus the keys declared here, read from the source's {@code connection:} map in the tag map.
 *
 * @param sourceId      the source id
 * @param connection    how to reach the broker
 * @param groupIds      the Sparkplug groups to acquire; empty for every group
 * @param primaryHostId if set, the source announces itself as this Sparkplug primary host application
 *                      ({@code spBv1.0/STATE/<id>}), so that edge nodes that wait for it publish
 * @param rebirthRetry  the shortest time between two rebirth requests to a node whose birth is awaited
 */
public record SparkplugSettings(String sourceId, MqttConnectionSettings connection, List<String> groupIds,
        String primaryHostId, Duration rebirthRetry) {

    private static final Pattern ID = Pattern.compile("[^/+#]+");
    private static final String ID_RULE = "without '/', '+' or '#'";

    public static final ConfigKey<List<String>> GROUP_IDS = ConfigKey.of("group-ids", ConfigType.LIST)
            .withDefault(List.of())
            .withValidator(Validator.of(ids -> ids.stream().allMatch(id -> ID.matcher(id).matches()),
                    "of Sparkplug group ids " + ID_RULE))
            .withDoc("Sparkplug groups to acquire (spBv1.0/<group>/#); empty for every group (spBv1.0/#).");
    public static final ConfigKey<String> PRIMARY_HOST_ID = ConfigKey.of("primary-host-id", ConfigType.STRING)
            .optional()
            .withValidator(Validator.matches(ID.pattern(), ID_RULE))
            .withDoc("Announce this source as Sparkplug primary host application <id> (retained STATE message).");
    public static final ConfigKey<Duration> REBIRTH_RETRY = ConfigKey.of("rebirth-retry", ConfigType.DURATION)
            .withDefault(Duration.ofSeconds(5))
            .withValidator(Validator.between(Duration.ofMillis(100), Duration.ofHours(1)))
            .withDoc("Shortest time between two rebirth requests to an edge node whose birth is awaited.");

    /** Every key a Sparkplug source's {@code connection:} map accepts. */
    public static final List<ConfigKey<?>> KEYS;

    static {
        List<ConfigKey<?>> keys = new ArrayList<>(MqttConnectionSettings.KEYS);
        keys.addAll(List.of(GROUP_IDS, PRIMARY_HOST_ID, REBIRTH_RETRY));
        KEYS = List.copyOf(keys);
    }

    public SparkplugSettings {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(connection, "connection");
        groupIds = List.copyOf(groupIds);
        Objects.requireNonNull(rebirthRetry, "rebirthRetry");
    }

    /** Every group, no primary host, rebirth retry 5 s. */
    public static SparkplugSettings of(String sourceId, MqttConnectionSettings connection) {
        return new SparkplugSettings(sourceId, connection, List.of(), null, Duration.ofSeconds(5));
    }

    /**
     * Reads a source's {@code connection:} map.
     *
     * @throws ConfigException naming every bad, missing or unknown key
     */
    public static SparkplugSettings fromConnection(String sourceId, Map<String, ?> connection) {
        ConnectionEntry entry = ConnectionEntry.read(sourceId, connection, KEYS, Set.of());
        MqttConnectionSettings mqtt = MqttConnectionSettings.from(entry);
        entry.throwIfInvalid();
        return new SparkplugSettings(sourceId, mqtt, entry.get(GROUP_IDS), entry.find(PRIMARY_HOST_ID).orElse(null),
                entry.get(REBIRTH_RETRY));
    }

    /** The same for only these groups. */
    public SparkplugSettings withGroupIds(List<String> ids) {
        return new SparkplugSettings(sourceId, connection, ids, primaryHostId, rebirthRetry);
    }

    /** The same announcing a primary host id. */
    public SparkplugSettings withPrimaryHostId(String id) {
        return new SparkplugSettings(sourceId, connection, groupIds, id, rebirthRetry);
    }

    /** The topic filters to subscribe to. */
    List<String> topicFilters() {
        return groupIds.isEmpty() ? List.of(SparkplugTopic.NAMESPACE + "/#")
                : groupIds.stream().map(g -> SparkplugTopic.NAMESPACE + "/" + g + "/#").toList();
    }
}
