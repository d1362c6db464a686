package io.takt.platform.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;

import io.takt.platform.config.PlatformConfig;

/**
 * What every Takt stream app sets the same way: the cluster, exactly-once, its state directory and
 * threads, explicit names for internal topics and stores (so a topology change cannot silently
 * rename them), the site's replication factor, and dead letters for global stores too. The
 * {@code kafka.streams.*} pass-through keys win where they are given.
 */
public final class StreamsDefaults {

    private StreamsDefaults() {
    }

    public static Map<String, Object> configs(PlatformConfig platform, String applicationId, Path stateDir,
                                              int threads) {
        Map<String, Object> configs = new HashMap<>(platform.streamsConfigs());
        configs.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        configs.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        configs.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        configs.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        configs.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        configs.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        configs.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, platform.topicReplicationFactor());
        configs.putIfAbsent("processing.exception.handler.global.enabled", true);
        return configs;
    }
}
