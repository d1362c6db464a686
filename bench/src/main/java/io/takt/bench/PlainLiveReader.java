package io.takt.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.takt.schemas.OeeKpi;

/**
 * The baseline: a plain consumer reading live OEE records as the dashboard's reader does (every
 * partition assigned from the beginning, no group, {@code read_committed}, poll every 100 ms, the
 * same Avro deserializer), that only decodes each record and notes its arrival. The dashboard's
 * figures over this one are what its view and event stream cost.
 */
final class PlainLiveReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<OeeKpi> values;
    private final LiveOeePlant plant;
    private final Arrivals arrivals = new Arrivals();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    PlainLiveReader(String bootstrap, String topic, Deserializer<OeeKpi> values, LiveOeePlant plant) {
        this.values = values;
        this.plant = plant;
        consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed", ConsumerConfig.CLIENT_ID_CONFIG, "dashboard-bench-baseline"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::read, "dashboard-bench-baseline-reader");
        thread.setDaemon(true);
        thread.start();
    }

    Arrivals arrivals() {
        return arrivals;
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    OeeKpi kpi = values.deserialize(record.topic(), record.value());
                    arrivals.arrived(plant.recordNumber(kpi.getEquipmentId(), kpi.getMembers(),
                            kpi.getProducedQuantity()), System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close();
        }
    }

    /** Throws what stopped the reading thread, if anything did. */
    void check() {
        if (failure.get() != null) {
            throw new IllegalStateException("The baseline consumer failed", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
