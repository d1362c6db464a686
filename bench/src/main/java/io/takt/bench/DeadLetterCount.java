package io.takt.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.takt.platform.deadletter.DeadLetterHeaders;

/** Counts the records of a dead-letter topic by their reason and source topic, so a run can say why. */
final class DeadLetterCount {

    private DeadLetterCount() {
    }

    /** "reason from topic" -> records, reading the topic from its start to its current end. */
    static Map<String, Long> byReason(String bootstrap, String topic) {
        Map<String, Long> counts = new TreeMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    counts.merge(text(record.headers().lastHeader(DeadLetterHeaders.REASON)) + " from "
                            + text(record.headers().lastHeader(DeadLetterHeaders.TOPIC)), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static String text(Header header) {
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
