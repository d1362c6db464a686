package io.takt.platform.topic;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic as the cluster has it.
 *
 * @param name              topic name
 * @param partitions        partition count
 * @param replicationFactor replicas of its least-replicated partition
 * @param configs           the topic's effective configs (explicit or broker default)
 */
public record ExistingTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    public ExistingTopic {
        configs = Map.copyOf(configs);
    }

    /** The raw {@code cleanup.policy}, e.g. {@code compact}. */
    public String cleanupPolicy() {
        return configs.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "");
    }

    /** How long records are kept by age; empty if forever ({@code retention.ms=-1}) or unknown. */
    public Optional<Duration> retention() {
        String ms = configs.get(TopicConfig.RETENTION_MS_CONFIG);
        if (ms == null || ms.isBlank() || Long.parseLong(ms.trim()) < 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Long.parseLong(ms.trim())));
    }
}
