package io.takt.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.dashboard.view.PlantView;
import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.serde.AvroDeserializer;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.Confirmation;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WorkOrder;

/**
 * Reads the KPI topics into the {@link PlantView} on its own thread. Every partition is assigned
 * and read from the beginning with no consumer group: each dashboard instance needs the whole plant,
 * and the compacted topics hold exactly the latest state it starts from.
 */
final class KpiTopicReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KpiTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Route<?>> routes = new HashMap<>();
    private final DashboardMetrics metrics;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private Map<TopicPartition, Long> endsAtStart = Map.of();

    /** What to do with a topic's records: decode with its schema, hand key and value (null for a tombstone) on. */
    private record Route<T>(Deserializer<T> values, BiConsumer<String, T> apply) {
        void accept(ConsumerRecord<String, byte[]> record) {
            apply.accept(record.key(), values.deserialize(record.topic(), record.value()));
        }
    }

    KpiTopicReader(Map<String, Object> consumerConfigs, TopicCatalogue topics, SchemaRegistryClient registry,
                   PlantView view, DashboardMetrics metrics) {
        this.metrics = metrics;
        route(topics.oeeLive().name(), OeeKpi.class, registry, (key, kpi) -> {
            if (kpi != null) {
                view.liveOee(kpi);
            }
        });
        route(topics.oee().name(), OeeKpi.class, registry, (key, window) -> {
            if (window != null) {
                view.oeeWindow(window);
            }
        });
        route(topics.machineState().name(), MachineStateChanged.class, registry, (key, change) -> {
            if (change != null) {
                view.machineState(change);
            }
        });
        route(topics.downtime().name(), DowntimeEvent.class, registry, view::stop);
        route(topics.workOrder().name(), WorkOrder.class, registry, view::workOrder);
        route(topics.confirmation().name(), Confirmation.class, registry, view::confirmation);
        Map<String, Object> configs = new HashMap<>(consumerConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The stream apps write exactly-once: a record of an aborted transaction must never be shown.
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "takt-dashboard");
        consumer = new KafkaConsumer<>(configs, new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "dashboard-topic-reader");
        thread.setDaemon(true);
    }

    private <T extends SpecificRecord> void route(String topic, Class<T> type, SchemaRegistryClient registry,
                                                  BiConsumer<String, T> apply) {
        routes.put(topic, new Route<>(new AvroDeserializer<>(type, registry), apply));
    }

    KafkaConsumer<String, byte[]> consumer() {
        return consumer;
    }

    /** Assigns every partition of the KPI topics at their beginning and starts reading. */
    KpiTopicReader start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : routes.keySet()) {
            for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endsAtStart = consumer.endOffsets(partitions);
        LOG.info("Reading {} partition(s) of {} from the beginning (up to offsets summing to {} now)",
                partitions.size(), routes.keySet(), endsAtStart.values().stream().mapToLong(Long::longValue).sum());
        thread.start();
        return this;
    }

    /** Whether the view holds at least what the topics held when reading started. */
    boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && endsAtStart.entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    LOG.info("Dashboard view caught up with the KPI topics");
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("The dashboard stopped reading the KPI topics; its view no longer changes", e);
            metrics.readerFailed();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            routes.get(record.topic()).accept(record);
            metrics.recordRead(record.topic());
        } catch (RuntimeException e) {
            // One record the view cannot take (unknown schema id, a broken value) must not freeze the dashboard.
            LOG.warn("Skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            metrics.recordSkipped(record.topic());
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            // never started (start-up failed before the thread ran): nothing else will close the consumer
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
