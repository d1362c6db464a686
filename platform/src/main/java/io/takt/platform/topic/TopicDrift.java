package io.takt.platform.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.takt.platform.config.DurationText;

/**
 * One way an existing topic differs from the catalogue. Takt never changes an existing topic by
 * itself (shrinking partitions is impossible, and changing policy or retention loses data), so a
 * drift is reported for an operator to decide on.
 *
 * @param topic    topic name
 * @param setting  what differs, e.g. {@code partitions} or {@code cleanup.policy}
 * @param expected the catalogue's value
 * @param actual   the cluster's value
 */
public record TopicDrift(String topic, String setting, String expected, String actual) {

    /** Every difference between the spec and the topic as the cluster has it. */
    static List<TopicDrift> between(TopicSpec spec, ExistingTopic topic) {
        List<TopicDrift> drifts = new ArrayList<>();
        // Any partition difference matters: topics joined by key must have equal partition counts.
        if (topic.partitions() != spec.partitions()) {
            drifts.add(drift(spec, "partitions", spec.partitions(), topic.partitions()));
        }
        if (topic.replicationFactor() < spec.replicationFactor()) {
            drifts.add(drift(spec, "replication factor", spec.replicationFactor(), topic.replicationFactor()));
        }
        if (!samePolicy(spec, topic)) {
            drifts.add(drift(spec, "cleanup.policy", spec.cleanupPolicy().configValue(), topic.cleanupPolicy()));
        }
        spec.retention().filter(r -> !topic.retention().equals(spec.retention())).ifPresent(r -> drifts.add(
                drift(spec, "retention", DurationText.format(r), topic.retention().map(DurationText::format)
                        .orElse("forever"))));
        for (Map.Entry<String, String> extra : spec.extraConfigs().entrySet()) {
            String actual = topic.configs().get(extra.getKey());
            if (!extra.getValue().equals(actual)) {
                drifts.add(new TopicDrift(spec.name(), extra.getKey(), extra.getValue(), String.valueOf(actual)));
            }
        }
        return drifts;
    }

    private static boolean samePolicy(TopicSpec spec, ExistingTopic topic) {
        try {
            return CleanupPolicy.fromConfig(topic.cleanupPolicy()) == spec.cleanupPolicy();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static TopicDrift drift(TopicSpec spec, String setting, Object expected, Object actual) {
        return new TopicDrift(spec.name(), setting, String.valueOf(expected), String.valueOf(actual));
    }

    @Override
    public String toString() {
        return topic + ": " + setting + " is " + actual + ", the catalogue says " + expected;
    }
}
