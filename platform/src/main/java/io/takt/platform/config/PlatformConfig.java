package io.takt.platform.config;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings every Takt service shares (site, Kafka, schema registry, topic sizing, Kafka client
 * pass-through), and a typed view over them. A service includes {@link #DEFINITION} in its own
 * {@link ConfigDefinition} and wraps the validated config with {@link #from(TaktConfig)}.
 */
public final class PlatformConfig {

    /** A site name goes into every topic name, so it is kept to what Kafka and humans read alike. */
    public static final String SITE_PATTERN = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";

    public static final ConfigKey<String> SITE = ConfigKey.of("site", ConfigType.STRING)
            .withDefault("site1")
            .withValidator(Validator.matches(SITE_PATTERN,
                    "of lower-case letters, digits and inner hyphens, e.g. plant-7"))
            .withDoc("Plant site this instance serves; part of every topic name (takt.<site>.<topic>.v1).");

    public static final ConfigKey<List<String>> KAFKA_BOOTSTRAP_SERVERS =
            ConfigKey.of("kafka.bootstrap.servers", ConfigType.HOST_PORT_LIST)
                    .withDefault(List.of("localhost:9092"))
                    .withDoc("Kafka brokers to connect to first, as host:port pairs.");

    public static final ConfigKey<List<URI>> SCHEMA_REGISTRY_URL =
            ConfigKey.of("schema.registry.url", ConfigType.URL_LIST)
                    .withDefault(List.of(URI.create("http://localhost:8081")))
                    .withDoc("Base URL(s) of the schema registry.");

    public static final ConfigKey<Integer> TOPICS_PARTITIONS = ConfigKey.of("topics.partitions", ConfigType.INT)
            .withDefault(3)
            .withValidator(Validator.between(1, 10_000))
            .withDoc("Partitions of each Takt topic when it is created; bounds the parallelism of stream apps.");

    public static final ConfigKey<Integer> TOPICS_REPLICATION_FACTOR =
            ConfigKey.of("topics.replication.factor", ConfigType.INT)
                    .withDefault(1)
                    .withValidator(Validator.between(1, (int) Short.MAX_VALUE))
                    .withDoc("Copies of each Takt topic when it is created; at most the number of brokers.");

    public static final String KAFKA_PRODUCER_PREFIX = "kafka.producer.";
    public static final String KAFKA_CONSUMER_PREFIX = "kafka.consumer.";
    public static final String KAFKA_STREAMS_PREFIX = "kafka.streams.";
    public static final String KAFKA_ADMIN_PREFIX = "kafka.admin.";

    /** The shared keys and prefixes; include them in each service's definition. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(SITE, KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, TOPICS_PARTITIONS, TOPICS_REPLICATION_FACTOR)
            .passThrough(KAFKA_PRODUCER_PREFIX, "Any Kafka producer setting, passed to the producer as is.")
            .passThrough(KAFKA_CONSUMER_PREFIX, "Any Kafka consumer setting, passed to the consumer as is.")
            .passThrough(KAFKA_STREAMS_PREFIX, "Any Kafka Streams setting, passed to Kafka Streams as is.")
            .passThrough(KAFKA_ADMIN_PREFIX, "Any Kafka admin client setting, passed to the admin client as is.")
            .build();

    private final TaktConfig config;

    private PlatformConfig(TaktConfig config) {
        this.config = config;
    }

    /** The platform view of a config whose definition includes {@link #DEFINITION}. */
    public static PlatformConfig from(TaktConfig config) {
        return new PlatformConfig(config);
    }

    public String site() {
        return config.get(SITE);
    }

    /** As Kafka clients take it: {@code host1:9092,host2:9092}. */
    public String bootstrapServers() {
        return String.join(",", config.get(KAFKA_BOOTSTRAP_SERVERS));
    }

    /** As registry clients take it: comma-separated URLs. */
    public String schemaRegistryUrl() {
        return config.get(SCHEMA_REGISTRY_URL).stream().map(URI::toString).collect(Collectors.joining(","));
    }

    public int topicPartitions() {
        return config.get(TOPICS_PARTITIONS);
    }

    public int topicReplicationFactor() {
        return config.get(TOPICS_REPLICATION_FACTOR);
    }

    /** Producer configs: bootstrap servers plus {@code kafka.producer.*}, which wins on a clash. */
    public Map<String, Object> producerConfigs() {
        return clientConfigs(KAFKA_PRODUCER_PREFIX);
    }

    /** Consumer configs: bootstrap servers plus {@code kafka.consumer.*}. */
    public Map<String, Object> consumerConfigs() {
        return clientConfigs(KAFKA_CONSUMER_PREFIX);
    }

    /** Kafka Streams configs: bootstrap servers plus {@code kafka.streams.*}. */
    public Map<String, Object> streamsConfigs() {
        return clientConfigs(KAFKA_STREAMS_PREFIX);
    }

    /** Admin client configs: bootstrap servers plus {@code kafka.admin.*}. */
    public Map<String, Object> adminConfigs() {
        return clientConfigs(KAFKA_ADMIN_PREFIX);
    }

    public TaktConfig config() {
        return config;
    }

    // A mutable copy: callers add their own client settings (serdes, application.id) on top.
    private Map<String, Object> clientConfigs(String prefix) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", bootstrapServers());
        configs.putAll(config.passThrough(prefix));
        return configs;
    }
}
