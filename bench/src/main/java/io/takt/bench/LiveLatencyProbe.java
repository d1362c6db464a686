package io.takt.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.schemas.MachineState;
import io.takt.schemas.OeeKpi;

/**
 * End-to-end latency of the OEE app as a dashboard sees it: the sender registers each state change
 * with its send time; this probe reads the live topic {@code read_committed} and times the first
 * live record of that machine whose {@code currentState} is the new state and whose
 * {@code currentStateSince} is the change's {@code sourceTimestamp}.
 */
final class LiveLatencyProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveLatencyProbe.class);
    private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** A state change awaited on the live topic. */
    private record Change(String machineId, long since) {
    }

    /** What the change set the machine to, and when it was sent ({@link System#nanoTime()}). */
    private record Sent(MachineState state, long nanos) {
    }

    private final Map<Change, Sent> pending = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong liveRecords = new AtomicLong();
    private final KafkaConsumer<String, OeeKpi> consumer;
    private final String topic;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    LiveLatencyProbe(String bootstrapServers, String topic, Deserializer<OeeKpi> values) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), values);
        this.thread = new Thread(this::consume, "bench-live-probe");
        this.thread.setDaemon(true);
    }

    /** Starts reading at the current end of the live topic; returns once positioned there. */
    LiveLatencyProbe start() throws InterruptedException {
        thread.start();
        if (!positioned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The live probe found no partitions of " + topic + " in 60 s");
        }
        return this;
    }

    /** Called by the sender just before it sends the state change. */
    void sent(String machineId, MachineState state, long sourceTime, long sendNanos) {
        pending.put(new Change(machineId, sourceTime), new Sent(state, sendNanos));
    }

    long matched() {
        return matched.get();
    }

    long waiting() {
        return pending.size();
    }

    long liveRecords() {
        return liveRecords.get();
    }

    /** A copy of the latencies so far, in nanoseconds. */
    Histogram latency() {
        synchronized (latency) {
            return latency.copy();
        }
    }

    private void consume() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, OeeKpi> record : consumer.poll(Duration.ofMillis(50))) {
                    liveRecords.incrementAndGet();
                    time(record.value(), System.nanoTime());
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("The live probe stopped: {}", e.toString(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void time(OeeKpi live, long now) {
        if (live == null || live.getCurrentStateSince() == null || live.getCurrentState() == null) {
            return;
        }
        Change change = new Change(live.getEquipmentId(), live.getCurrentStateSince().toEpochMilli());
        Sent sent = pending.get(change);
        if (sent == null || sent.state() != live.getCurrentState() || !pending.remove(change, sent)) {
            return;
        }
        synchronized (latency) {
            latency.recordValue(Math.max(0, Math.min(now - sent.nanos(), MAX_LATENCY_NANOS)));
        }
        matched.incrementAndGet();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
