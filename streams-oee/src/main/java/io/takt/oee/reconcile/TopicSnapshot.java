package io.takt.oee.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic's end offsets taken at one moment, and its records from the beginning up to them, read
 * with the caller's (read_committed) consumer. Records written after the moment are left out, so
 * that a snapshot taken before another one cannot know more than it.
 */
final class TopicSnapshot {

    private final String topic;
    private final Map<TopicPartition, Long> ends;

    private TopicSnapshot(String topic, Map<TopicPartition, Long> ends) {
        this.topic = topic;
        this.ends = ends;
    }

    /** The end offsets of {@code topic} now (for read_committed: the last stable offsets). */
    static TopicSnapshot take(Consumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new ReconciliationException("Topic " + topic + " does not exist (run 'takt topics create')");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return new TopicSnapshot(topic, new HashMap<>(consumer.endOffsets(assigned, timeout)));
    }

    String topic() {
        return topic;
    }

    /** Every record up to the end offsets, per partition in offset order. */
    List<ConsumerRecord<byte[], byte[]>> read(Consumer<byte[], byte[]> consumer, long deadlineNanos) {
        consumer.assign(ends.keySet());
        consumer.seekToBeginning(ends.keySet());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        while (!reachedEnd(consumer)) {
            if (System.nanoTime() > deadlineNanos) {
                throw new ReconciliationException("Timed out reading " + topic + " to its end; raise --timeout");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                if (record.offset() < end) {
                    records.add(record);
                }
            }
        }
        consumer.unsubscribe();
        return records;
    }

    private boolean reachedEnd(Consumer<byte[], byte[]> consumer) {
        // Transaction markers take offsets too: the position passes the end rather than meeting it.
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
