package io.takt.oee;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions a record by the equipment id its key starts with ({@link OeeStores#equipmentOf}),
 * exactly as Kafka's default partitioner partitions the plain equipment id: a machine's window
 * KPIs and stops land on the partition of its machine-state events, and queries find them with
 * {@code KafkaStreams.queryMetadataForKey(store, key, partitioner)}.
 */
public final class EquipmentPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        return Optional.of(Set.of(partition(key, numPartitions)));
    }

    /** The partition of the equipment the key belongs to. */
    public static int partition(String key, int numPartitions) {
        byte[] bytes = OeeStores.equipmentOf(key).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(bytes)) % numPartitions;
    }
}
