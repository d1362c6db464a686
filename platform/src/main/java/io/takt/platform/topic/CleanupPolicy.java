package io.takt.platform.topic;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Kafka's {@code cleanup.policy}: what the broker does with old records of a topic. */
public enum CleanupPolicy {
    /** Old segments are deleted after the retention period: event streams. */
    DELETE("delete"),
    /** Only the latest record per key is kept: tables and states. */
    COMPACT("compact"),
    /** Latest per key, and even that dropped after the retention period. */
    COMPACT_DELETE("compact,delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of the {@code cleanup.policy} topic config. */
    public String configValue() {
        return configValue;
    }

    /** Whether old records are deleted by age, so that {@code retention.ms} matters. */
    public boolean deletes() {
        return this != COMPACT;
    }

    /** Reads a broker's {@code cleanup.policy} value, in any order and spacing of its parts. */
    public static CleanupPolicy fromConfig(String value) {
        Set<String> parts = new TreeSet<>();
        Arrays.stream(value.toLowerCase(Locale.ROOT).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(parts::add);
        for (CleanupPolicy policy : values()) {
            if (parts.equals(new TreeSet<>(Arrays.asList(policy.configValue.split(","))))) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unknown cleanup.policy '" + value + "'");
    }
}
