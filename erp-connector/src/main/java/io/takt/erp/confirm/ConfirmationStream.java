package io.takt.erp.confirm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.config.PlatformConfig;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.StreamsDeadLetters;
import io.takt.platform.http.ReadinessCheck;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.kafka.StreamsDefaults;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.topic.TopicCatalogue;

/**
 * The Kafka Streams app that derives confirmations ({@link ConfirmationTopology}): exactly-once, so
 * a crash neither loses a count nor adds one twice; its stores under the connector's state dir.
 */
final class ConfirmationStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationStream.class);

    private final KafkaStreams streams;

    private ConfirmationStream(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * @param applicationId Kafka Streams application id (consumer group and internal topic prefix)
     * @param interval      how often the changed running totals go out
     */
    static ConfirmationStream start(PlatformConfig platform, ConfirmationTerms terms, String applicationId,
                                           Path stateDir, Duration interval, ServiceMetrics metrics) {
        TopicCatalogue topics = TopicCatalogue.from(platform);
        Properties props = properties(platform, applicationId, stateDir, topics, metrics);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        ConfirmationTopology.build(builder, new ConfirmationTopology.Settings(topics,
                ConfirmationTopology.RecordSerdes.on(
                        new RestSchemaRegistryClient(platform.schemaRegistryUrl())), terms, interval,
                metrics.registry()));
        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.setStateListener((now, before) -> LOG.info("Confirmation stream {} -> {}", before, now));
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("Confirmation stream thread failed; replacing it (it restarts from the last commit)", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics.bindKafka(streams);
        streams.start();
        return new ConfirmationStream(streams);
    }

    private static Properties properties(PlatformConfig platform, String applicationId, Path stateDir,
                                         TopicCatalogue topics, ServiceMetrics metrics) {
        Map<String, Object> configs = StreamsDefaults.configs(platform, applicationId, stateDir, 1);
        StreamsDeadLetters.configure(configs, topics.deadLetter().name(), new DeadLetterMetrics(metrics.registry()));
        Properties props = new Properties();
        props.putAll(configs);
        return props;
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    ReadinessCheck readiness() {
        return ReadinessCheck.kafkaStreams(streams);
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
