package io.takt.acquisition.mqtt.sparkplug;

/**
 * The tag address of a Sparkplug metric, as the tag map names it:
 * {@code <group>/<edge node>/<device>/<metric name>} for a device metric, e.g.
 * {@code Plant1/Line1-Edge/Press1/State}, and {@code <group>/<edge node>/<metric name>} for a
 * node-level metric, e.g. {@code Plant1/Line1-Edge/Node Control/Rebirth}. Metric names keep their
 * own {@code /} folders, so a node metric {@code A/B} and metric {@code B} of a device {@code A} would
 * share an address: name devices and metric folders apart.
 */
public final class SparkplugAddress {

    private SparkplugAddress() {
    }

    /** The address of metric {@code name} of {@code deviceId} (null for a node-level metric). */
    public static String of(String groupId, String edgeNodeId, String deviceId, String name) {
        String node = groupId + "/" + edgeNodeId + "/";
        return deviceId == null ? node + name : node + deviceId + "/" + name;
    }
}
