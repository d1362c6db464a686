package io.takt.oee;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.takt.platform.registry.SchemaRegistryClients;
import io.takt.platform.serde.AvroDeserializer;
import io.takt.schemas.OeeKpi;

/** Reads a topic from its beginning to its end as the tests see it: without a group, committing nothing. */
final class TopicContents {

    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private TopicContents() {
    }

    /** Every record up to the end offsets taken now (read_committed: the last stable offsets). */
    static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic, IsolationLevel isolation) {
        Map<String, Object> configs = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(configs, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_LIMIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_LIMIT);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to " + ends + " within " + READ_LIMIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The latest committed window record per key of an oee topic (a tombstone removes its key). */
    static Map<String, OeeKpi> latestWindows(String bootstrapServers, String registryUrl, String topic) {
        Map<String, OeeKpi> latest = new LinkedHashMap<>();
        try (AvroDeserializer<OeeKpi> values = new AvroDeserializer<>(OeeKpi.class)) {
            values.configure(Map.of(SchemaRegistryClients.URL, registryUrl), false);
            for (ConsumerRecord<String, byte[]> record : read(bootstrapServers, topic, IsolationLevel.READ_COMMITTED)) {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), values.deserialize(topic, record.value()));
                }
            }
        }
        return latest;
    }

    /**
     * Waits until the FINAL windows on an oee topic stop changing (the same set twice, 2 s apart):
     * roll-up windows follow their machines' through a repartition topic and a once-a-second
     * publication, after the inputs are consumed.
     */
    static void awaitFinalWindowsSettled(String bootstrapServers, String registryUrl, String topic)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, OeeKpi> before = Map.of();
        while (System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            Map<String, OeeKpi> now = new java.util.TreeMap<>(latestWindows(bootstrapServers, registryUrl, topic));
            now.values().removeIf(kpi -> kpi.getStatus() != io.takt.schemas.WindowStatus.FINAL);
            if (!now.isEmpty() && now.keySet().equals(before.keySet())) {
                return;
            }
            before = now;
        }
        throw new AssertionError("The FINAL windows on " + topic + " did not settle within 60 s");
    }
}
