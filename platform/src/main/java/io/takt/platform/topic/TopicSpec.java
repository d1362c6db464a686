package io.takt.platform.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Everything Takt needs to know about one topic: its name, what its key and value are, and how the
 * broker should keep it.
 *
 * @param name              full topic name, e.g. {@code takt.site1.machine-state.v1}
 * @param key               what the record key is, e.g. {@code equipment id}
 * @param valueType         the value's record type name, e.g. {@code MachineStateChanged}
 * @param partitions        partitions to create it with
 * @param replicationFactor replicas to create it with
 * @param cleanupPolicy     delete (event streams) or compact (tables)
 * @param retention         how long records are kept; empty for compacted topics, which keep the
 *                          latest record per key until it is superseded
 * @param extraConfigs      further topic configs, e.g. {@code segment.ms}
 * @param doc               one line saying what the topic carries
 */
public record TopicSpec(String name, String key, String valueType, int partitions, int replicationFactor,
                        CleanupPolicy cleanupPolicy, Optional<Duration> retention, Map<String, String> extraConfigs,
                        String doc) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(doc, "doc");
        extraConfigs = Map.copyOf(extraConfigs);
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + " needs at least 1 partition, not " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("Topic " + name + " needs a replication factor in [1, "
                    + Short.MAX_VALUE + "], not " + replicationFactor);
        }
        if (cleanupPolicy.deletes() != retention.isPresent()) {
            throw new IllegalArgumentException("Topic " + name + ": a retention is needed exactly when the cleanup"
                    + " policy deletes (" + cleanupPolicy.configValue() + ")");
        }
    }

    /** Every topic config Takt sets: cleanup policy, retention if it deletes, and the extras. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        retention.ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(r.toMillis())));
        configs.putAll(extraConfigs);
        return configs;
    }

    /** The admin-client request that creates this topic. */
    public NewTopic newTopic() {
        return new NewTopic(name, partitions, (short) replicationFactor).configs(configs());
    }
}
