package io.takt.platform.registry.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.takt.platform.registry.server.StoreFormat.SchemaKey;
import io.takt.platform.registry.server.StoreFormat.StoreKey;

/** Reads the raw store topic, for tests that check its format and what compaction would leave of it. */
final class SchemasTopicRecords {

    private SchemasTopicRecords() {
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (consumer.position(partition) < end && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /** The registry view built from every record, as a long-running instance sees it. */
    static RegistryState replay(List<ConsumerRecord<byte[], byte[]>> records) {
        RegistryState state = new RegistryState(SchemaText::canonical);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            apply(state, record);
        }
        return state;
    }

    /** The view an instance would build after compaction: only the last record of each key, in log order. */
    static RegistryState replayCompacted(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<StoreKey, ConsumerRecord<byte[], byte[]>> last = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            StoreKey key = StoreFormat.decodeKey(record.key());
            last.remove(key);
            last.put(key, record);
        }
        return replay(new ArrayList<>(last.values()).stream()
                .sorted((a, b) -> Long.compare(a.offset(), b.offset())).toList());
    }

    private static void apply(RegistryState state, ConsumerRecord<byte[], byte[]> record) {
        if (StoreFormat.decodeKey(record.key()) instanceof SchemaKey key) {
            try {
                state.applySchema(key, record.value() == null ? null
                        : StoreFormat.decodeSchemaValue(record.value()), record.offset());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every subject version of a view, for comparing two views. */
    static List<RegistryState.StoredVersion> everyVersion(RegistryState state) {
        List<RegistryState.StoredVersion> all = new ArrayList<>();
        for (String subject : state.subjects(true)) {
            all.addAll(state.versions(subject, true));
        }
        return all;
    }
}
