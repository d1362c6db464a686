package io.takt.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.serde.AvroDeserializer;

/**
 * Reads the gateway's events back from Kafka as a downstream service would ({@code read_committed},
 * from the end of each partition on), counts them and times one in {@value #TIMED_EVERY} end to end:
 * the wall-clock time from the gateway's {@code receiveTimestamp} (when its OPC UA client had the
 * publish response, in milliseconds) to the moment this consumer has the committed event. Only
 * every tenth is decoded, so that the probe does not take the CPU the gateway needs.
 */
final class DeliveredEvents implements AutoCloseable {

    static final int TIMED_EVERY = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveredEvents.class);
    private static final long MAX_LATENCY_NANOS = TimeUnit.HOURS.toNanos(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroDeserializer<Object> values;
    private final Recorder latency = new Recorder(MAX_LATENCY_NANOS, 3);
    private final ChangeAge age;
    private final AtomicLong consumed = new AtomicLong();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param age where the age of each timed event since the simulator made the change is recorded
     */
    DeliveredEvents(String bootstrapServers, String registryUrl, List<String> topics, ChangeAge age) {
        this.age = age;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        values = new AvroDeserializer<>(new RestSchemaRegistryClient(registryUrl));
        thread = new Thread(() -> consume(topics), "bench-delivered-events");
        thread.setDaemon(true);
    }

    /** Starts reading from the current end of every topic; returns once positioned there. */
    DeliveredEvents start() throws InterruptedException {
        thread.start();
        if (!positioned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The bench consumer found no partitions of the gateway's topics in 60 s");
        }
        return this;
    }

    /** Committed events read so far. */
    long consumed() {
        return consumed.get();
    }

    /** The latencies timed since the last call (or since start), in nanoseconds. */
    Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }

    private void consume(List<String> topics) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (consumed.incrementAndGet() % TIMED_EVERY == 0) {
                        time(record);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("The bench consumer stopped: {}", e.toString(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void time(ConsumerRecord<byte[], byte[]> record) {
        Object event = values.deserialize(record.topic(), record.value());
        Instant now = Instant.now();
        if (event instanceof GenericRecord generic) {
            long nanos = Duration.between(instant(generic.get("receiveTimestamp")), now).toNanos();
            latency.recordValue(Math.max(0, Math.min(nanos, MAX_LATENCY_NANOS)));
            age.record(instant(generic.get("sourceTimestamp")));
        }
    }

    /** A timestamp-millis field: an Instant, or its long where the reader applies no logical types. */
    private static Instant instant(Object field) {
        return field instanceof Instant i ? i : Instant.ofEpochMilli(((Number) field).longValue());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
