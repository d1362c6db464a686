package io.takt.platform.registry.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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

    public static final String BOOTSTRAP_SERVERS = "registry.kafka.bootstrap.servers";
    public static final String HOST = "registry.listen.host";
    public static final String PORT = "registry.listen.port";
    public static final String TOPIC = "registry.topic";
    public static final String REPLICATION_FACTOR = "registry.topic.replication.factor";
    public static final String DEFAULT_COMPATIBILITY = "registry.compatibility.default";
    public static final String STORE_TIMEOUT_MS = "registry.store.timeout.ms";

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_TOPIC = "_schemas";
    public static final short DEFAULT_REPLICATION_FACTOR = 3;
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(30);

    public RegistrySettings {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), BOOTSTRAP_SERVERS, bootstrapServers,
                "host:port[,host:port...]");
        require(host != null && !host.isBlank(), HOST, host, "a host name or address");
        require(port >= 0 && port <= 65535, PORT, port, "0..65535 (0 = any free port)");
        require(topic != null && topic.matches("[a-zA-Z0-9._-]{1,249}"), TOPIC, topic,
                "a Kafka topic name (letters, digits, '.', '_', '-')");
        require(replicationFactor >= 1, REPLICATION_FACTOR, replicationFactor, "1 or more");
        require(defaultCompatibility != null, DEFAULT_COMPATIBILITY, null, Arrays.toString(CompatibilityLevel.values()));
        require(storeTimeout != null && !storeTimeout.isNegative() && !storeTimeout.isZero(), STORE_TIMEOUT_MS,
                storeTimeout, "a positive number of milliseconds");
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

    /** Settings from {@code registry.*} properties (see the key constants); absent keys take the defaults. */
    public static RegistrySettings fromProperties(Map<String, String> props) {
        RegistrySettings d = defaults(Objects.requireNonNullElse(props.get(BOOTSTRAP_SERVERS), ""));
        return new RegistrySettings(
                props.get(BOOTSTRAP_SERVERS),
                props.getOrDefault(HOST, d.host()),
                parse(props, PORT, d.port(), Integer::parseInt, "0..65535"),
                props.getOrDefault(TOPIC, d.topic()),
                parse(props, REPLICATION_FACTOR, d.replicationFactor(), Short::parseShort, "1 or more"),
                parse(props, DEFAULT_COMPATIBILITY, d.defaultCompatibility(),
                        v -> CompatibilityLevel.valueOf(v.trim().toUpperCase()),
                        Arrays.toString(CompatibilityLevel.values())),
                parse(props, STORE_TIMEOUT_MS, d.storeTimeout(), v -> Duration.ofMillis(Long.parseLong(v)),
                        "a positive number of milliseconds"));
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

    private static <T> T parse(Map<String, String> props, String key, T fallback, Function<String, T> parser,
            String allowed) {
        String raw = props.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw invalid(key, raw, allowed);
        }
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
