package io.takt.platform.deadletter;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters from code that is not a Kafka Streams app (edge gateway, connectors, plain
 * consumers), in the same form as the Streams handlers do.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final boolean ownsProducer;
    private final String topic;
    private final String app;
    private final DeadLetterMetrics metrics;
    private final Clock clock;

    /**
     * Publishes through the caller's producer, which the caller closes.
     *
     * @param producer        a producer of raw bytes
     * @param deadLetterTopic e.g. {@code TopicCatalogue.deadLetter().name()}
     * @param app             name of the application giving up on records
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String deadLetterTopic, String app,
                               DeadLetterMetrics metrics) {
        this(producer, false, deadLetterTopic, app, metrics, Clock.systemUTC());
    }

    DeadLetterPublisher(Producer<byte[], byte[]> producer, boolean ownsProducer, String deadLetterTopic, String app,
                        DeadLetterMetrics metrics, Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ownsProducer = ownsProducer;
        this.topic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.app = Objects.requireNonNull(app, "app");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = clock;
    }

    /**
     * A publisher with its own producer, closed by {@link #close()}. The producer waits for all
     * in-sync replicas: a dead letter is often the only copy left of what a machine reported.
     */
    public static DeadLetterPublisher create(Map<String, Object> producerConfigs, String deadLetterTopic, String app,
                                             DeadLetterMetrics metrics) {
        Map<String, Object> configs = new HashMap<>(producerConfigs);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, app + "-dead-letters");
        Producer<byte[], byte[]> producer =
                new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
        return new DeadLetterPublisher(producer, true, deadLetterTopic, app, metrics, Clock.systemUTC());
    }

    /** Sends the dead letter; the future completes when the broker has it. */
    public Future<RecordMetadata> publish(DeadLetter letter) {
        LOG.warn("Dead letter from {}", letter);
        metrics.count(app, letter.sourceTopic(), letter.reason());
        return producer.send(letter.toRecord(topic, app, clock.instant()));
    }

    /** Sends a consumed record that could not be handled. */
    public Future<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        return publish(DeadLetter.of(record, reason, error));
    }

    /** Sends the record {@code poll()} could not deserialize; the caller then seeks past it. */
    public Future<RecordMetadata> publish(RecordDeserializationException e) {
        return publish(DeadLetter.of(e));
    }

    /** Sends whatever is buffered. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        if (ownsProducer) {
            producer.close();
        }
    }
}
