package io.takt.acquisition.mqtt.sparkplug;

import java.util.Objects;
import java.util.Optional;

/**
 * A Sparkplug B topic: {@code spBv1.0/<group>/<message type>/<edge node>[/<device>]}.
 *
 * @param groupId    the group, e.g. {@code Plant1}
 * @param type       the message type
 * @param edgeNodeId the edge node, e.g. {@code Line1-Edge}
 * @param deviceId   the device for D* messages, e.g. {@code Press1}; null for N* messages
 */
public record SparkplugTopic(String groupId, MessageType type, String edgeNodeId, String deviceId) {

    /** The Sparkplug B topic namespace, first level of every topic. */
    public static final String NAMESPACE = "spBv1.0";

    /** The message types a group topic can carry. */
    public enum MessageType {
        NBIRTH, NDEATH, DBIRTH, DDEATH, NDATA, DDATA, NCMD, DCMD;

        /** Whether the topic names a device (D* messages). */
        public boolean deviceLevel() {
            return name().charAt(0) == 'D';
        }
    }

    public SparkplugTopic {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(edgeNodeId, "edgeNodeId");
        if (type.deviceLevel() != (deviceId != null)) {
            throw new IllegalArgumentException(type + " topics " + (type.deviceLevel() ? "need" : "have no")
                    + " device id");
        }
    }

    /** A node-level topic (NBIRTH, NDEATH, NDATA, NCMD). */
    public static SparkplugTopic node(String groupId, MessageType type, String edgeNodeId) {
        return new SparkplugTopic(groupId, type, edgeNodeId, null);
    }

    /** A device-level topic (DBIRTH, DDEATH, DDATA, DCMD). */
    public static SparkplugTopic device(String groupId, MessageType type, String edgeNodeId, String deviceId) {
        return new SparkplugTopic(groupId, type, edgeNodeId, deviceId);
    }

    /**
     * The topic read from an MQTT topic name; empty for anything else in the namespace, such as the
     * {@code spBv1.0/STATE/<host>} messages of host applications or a malformed topic.
     */
    public static Optional<SparkplugTopic> parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 4 || levels.length > 5 || !NAMESPACE.equals(levels[0])) {
            return Optional.empty();
        }
        MessageType type;
        try {
            type = MessageType.valueOf(levels[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (type.deviceLevel() != (levels.length == 5)) {
            return Optional.empty();
        }
        for (String level : levels) {
            if (level.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new SparkplugTopic(levels[1], type, levels[3], levels.length == 5 ? levels[4] : null));
    }

    /** The MQTT topic name. */
    public String mqttTopic() {
        String node = NAMESPACE + "/" + groupId + "/" + type + "/" + edgeNodeId;
        return deviceId == null ? node : node + "/" + deviceId;
    }

    @Override
    public String toString() {
        return mqttTopic();
    }
}
