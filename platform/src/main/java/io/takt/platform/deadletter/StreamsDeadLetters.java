package io.takt.platform.deadletter;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;

/**
 * Sets up a Kafka Streams app to send records it cannot handle to the dead-letter topic and go on:
 * Kafka Streams' own dead-letter queue (KIP-1034), with Takt's handlers adding the reason and app
 * headers and counting each dead letter.
 *
 * <pre>{@code
 * Map<String, Object> props = platform.streamsConfigs();
 * props.put(StreamsConfig.APPLICATION_ID_CONFIG, "takt-oee");
 * StreamsDeadLetters.configure(props, catalogue.deadLetter().name(), new DeadLetterMetrics(registry));
 * }</pre>
 */
public final class StreamsDeadLetters {

    /** Config entry holding the {@link DeadLetterMetrics} instance the handlers count with. */
    public static final String METRICS_CONFIG = "takt.dlq.metrics";

    private StreamsDeadLetters() {
    }

    /**
     * Puts the dead-letter topic, the three handlers and the metrics into Kafka Streams configs.
     *
     * @param streamsConfigs  the app's configs, changed in place
     * @param deadLetterTopic the site's dead-letter topic
     * @param metrics         where dead letters are counted
     */
    public static void configure(Map<String, Object> streamsConfigs, String deadLetterTopic,
                                 DeadLetterMetrics metrics) {
        streamsConfigs.putAll(configs(deadLetterTopic, metrics));
    }

    /** As {@link #configure(Map, String, DeadLetterMetrics)}, for apps that build {@link Properties}. */
    public static void configure(Properties streamsProperties, String deadLetterTopic, DeadLetterMetrics metrics) {
        streamsProperties.putAll(configs(deadLetterTopic, metrics));
    }

    /** The entries {@code configure} adds. */
    public static Map<String, Object> configs(String deadLetterTopic, DeadLetterMetrics metrics) {
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(metrics, "metrics");
        return Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class,
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class,
                METRICS_CONFIG, metrics);
    }
}
