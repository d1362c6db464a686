package io.takt.platform.registry.server;

import java.time.Duration;
import java.util.Arrays;

import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.config.Validator;
import io.takt.schemas.compat.CompatibilityLevel;

/**
 * How a {@link SchemaRegistryServer} runs, validated once at construction: a bad value fails
 * start-up with a message naming the key and what it accepts.
 *
 * @param bootstrapServers     Kafka bootstrap servers of the cluster holding the store topic
 * @param host                 address to listen on ({@code 0.0.0.0} for every interface)
 * @param port                 HTTP port; 0 picks a free one ({@link SchemaRegistryServer#url()} tells which)
 * @param topic                compacted single-partition topic holding schemas and configs
 * @param replicationFactor    replication factor when the registry creates the topic (capped at the
 *                             number of brokers, as Confluent does)
 * @param defaultCompatibility level of subjects without their own, until {@code PUT /config} sets one
 * @param storeTimeout         how long a write (or a start-up read of the topic) may wait for Kafka
 */
public record RegistrySettings(String bootstrapServers, String host, int port, String topic, short replicationFactor,
        CompatibilityLevel defaultCompatibility, Duration storeTimeout) {

    private static final String TOPIC_NAME = "[a-zA-Z0-9._-]{1,249}";

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_TOPIC = "_schemas";
    public static final short DEFAULT_REPLICATION_FACTOR = 3;
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(30);

    public static final ConfigKey<String> HOST = ConfigKey.of("registry.listen.host", ConfigType.STRING)
            .withDefault(DEFAULT_HOST)
            .withValidator(Validator.notBlank())
            .withDoc("Address the schema registry listens on; 0.0.0.0 for every interface.");
    public static final ConfigKey<Integer> PORT = ConfigKey.of("registry.listen.port", ConfigType.INT)
            .withDefault(DEFAULT_PORT)
            .withValidator(Validator.between(0, 65535))
            .withDoc("HTTP port of the schema registry; 0 picks a free one.");
    public static final ConfigKey<String> TOPIC = ConfigKey.of("registry.topic", ConfigType.STRING)
            .withDefault(DEFAULT_TOPIC)
            .withValidator(Validator.matches(TOPIC_NAME, "a Kafka topic name (letters, digits, '.', '_', '-')"))
            .withDoc("Compacted single-partition topic that stores schemas and compatibility levels.");
    public static final ConfigKey<Integer> REPLICATION_FACTOR =
            ConfigKey.of("registry.topic.replication.factor", ConfigType.INT)
                    .withDefault((int) DEFAULT_REPLICATION_FACTOR)
                    .withValidator(Validator.between(1, (int) Short.MAX_VALUE))
                    .withDoc("Replicas of the store topic when the registry creates it; capped at the broker count.");
    public static final ConfigKey<CompatibilityLevel> DEFAULT_COMPATIBILITY =
            ConfigKey.of("registry.compatibility.default", ConfigType.enumOf(CompatibilityLevel.class))
                    .withDefault(CompatibilityLevel.BACKWARD)
                    .withDoc("Compatibility level of subjects without their own, until PUT /config changes it.");
    public static final ConfigKey<Duration> STORE_TIMEOUT = ConfigKey.of("registry.store.timeout", ConfigType.DURATION)
            .withDefault(DEFAULT_STORE_TIMEOUT)
            .withDoc("How long a write, or the start-up read of the store topic, may wait for Kafka.");

    /** The registry's keys plus the platform's (for {@code kafka.bootstrap.servers}). */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .include(PlatformConfig.DEFINITION)
            .define(HOST, PORT, TOPIC, REPLICATION_FACTOR, DEFAULT_COMPATIBILITY, STORE_TIMEOUT)
            .build();

    public RegistrySettings {
        require(bootstrapServers != null && !bootstrapServers.isBlank(),
                PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), bootstrapServers, "host:port[,host:port...]");
        require(host != null && !host.isBlank(), HOST.name(), host, "a host name or address");
        require(port >= 0 && port <= 65535, PORT.name(), port, "0..65535 (0 = any free port)");
        require(topic != null && topic.matches(TOPIC_NAME), TOPIC.name(), topic,
                "a Kafka topic name (letters, digits, '.', '_', '-')");
        require(replicationFactor >= 1, REPLICATION_FACTOR.name(), replicationFactor, "1 or more");
        require(defaultCompatibility != null, DEFAULT_COMPATIBILITY.name(), null,
                Arrays.toString(CompatibilityLevel.values()));
        require(storeTimeout != null && !storeTimeout.isNegative() && !storeTimeout.isZero(), STORE_TIMEOUT.name(),
                storeTimeout, "a positive duration");
    }

    /** Confluent's defaults (port 8081, {@code _schemas}, BACKWARD) for the given Kafka cluster. */
    public static RegistrySettings defaults(String bootstrapServers) {
        return new RegistrySettings(bootstrapServers, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOPIC,
                DEFAULT_REPLICATION_FACTOR, CompatibilityLevel.BACKWARD, DEFAULT_STORE_TIMEOUT);
    }

    /** A registry on a free loopback port: for tests and demos. */
    public static RegistrySettings onFreeLocalPort(String bootstrapServers) {
        return defaults(bootstrapServers).withListener("localhost", 0);
    }

    /** Settings from a config validated against {@link #DEFINITION}. */
    public static RegistrySettings from(TaktConfig config) {
        return new RegistrySettings(PlatformConfig.from(config).bootstrapServers(), config.get(HOST),
                config.get(PORT), config.get(TOPIC), config.get(REPLICATION_FACTOR).shortValue(),
                config.get(DEFAULT_COMPATIBILITY), config.get(STORE_TIMEOUT));
    }

    public RegistrySettings withListener(String newHost, int newPort) {
        return new RegistrySettings(bootstrapServers, newHost, newPort, topic, replicationFactor,
                defaultCompatibility, storeTimeout);
    }

    public RegistrySettings withTopic(String newTopic) {
        return new RegistrySettings(bootstrapServers, host, port, newTopic, replicationFactor,
                defaultCompatibility, storeTimeout);
    }

    public RegistrySettings withDefaultCompatibility(CompatibilityLevel level) {
        return new RegistrySettings(bootstrapServers, host, port, topic, replicationFactor, level, storeTimeout);
    }

    public RegistrySettings withStoreTimeout(Duration timeout) {
        return new RegistrySettings(bootstrapServers, host, port, topic, replicationFactor,
                defaultCompatibility, timeout);
    }

    private static void require(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw invalid(key, value, allowed);
        }
    }

    private static IllegalArgumentException invalid(String key, Object value, String allowed) {
        return new IllegalArgumentException("Invalid value '" + value + "' for " + key + ": expected " + allowed);
    }
}
