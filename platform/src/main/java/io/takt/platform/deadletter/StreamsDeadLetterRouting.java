package io.takt.platform.deadletter;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the three Streams handlers share: where dead letters go, for which app, and counting them. */
final class StreamsDeadLetterRouting {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsDeadLetterRouting.class);

    private final String topic;
    private final String app;
    private final DeadLetterMetrics metrics;
    private final Clock clock;

    private StreamsDeadLetterRouting(String topic, String app, DeadLetterMetrics metrics, Clock clock) {
        this.topic = topic;
        this.app = app;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** From the configs Kafka Streams hands to {@code configure}. */
    static StreamsDeadLetterRouting fromConfigs(Map<String, ?> configs, Class<?> handler) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(handler.getSimpleName() + " needs "
                    + StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " to be set; configure it with StreamsDeadLetters.configure(...)");
        }
        Object app = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        Object metrics = configs.get(StreamsDeadLetters.METRICS_CONFIG);
        if (metrics != null && !(metrics instanceof DeadLetterMetrics)) {
            throw new ConfigException(StreamsDeadLetters.METRICS_CONFIG + " must be a DeadLetterMetrics, not "
                    + metrics.getClass().getName());
        }
        return new StreamsDeadLetterRouting(topic.toString(), app == null ? "unknown" : app.toString(),
                metrics == null ? DeadLetterMetrics.global() : (DeadLetterMetrics) metrics, Clock.systemUTC());
    }

    /** The dead letter of the source record being processed when {@code error} happened. */
    ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, String reason, Exception error) {
        // The source record's raw bytes, not the object a processor held: a dead letter must be
        // replayable onto its source topic as it was first written.
        // After a re-key the source record is an internal repartition record: report the record it
        // was made from, as stamped by RecordOrigin, so the letter points at the app's real input.
        RecordOrigin.Origin origin = RecordOrigin.of(context.headers());
        String sourceTopic = origin == null ? context.topic() : origin.topic();
        DeadLetter letter = DeadLetter.builder(reason, error, sourceTopic)
                .position(origin == null ? context.partition() : origin.partition(),
                        origin == null ? context.offset() : origin.offset())
                .timestamp(context.timestamp())
                .key(origin == null || origin.key() == null ? context.sourceRawKey() : origin.key())
                .value(context.sourceRawValue())
                .headers(context.headers())
                .processor(context.processorNodeId())
                .build();
        LOG.warn("Dead letter from {} in {} at processor {}", letter, app, context.processorNodeId());
        metrics.count(app, sourceTopic, reason);
        return letter.toRecord(topic, app, clock.instant());
    }
}
