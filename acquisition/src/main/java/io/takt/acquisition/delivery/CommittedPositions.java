package io.takt.acquisition.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.takt.platform.topic.CleanupPolicy;
import io.takt.platform.topic.TopicSpec;

/**
 * Each gateway's delivered buffer position, kept in Kafka in the compacted topic
 * {@code takt.<site>.edge-offsets.v1} under the gateway id, the way Kafka Connect keeps the offsets
 * of exactly-once source connectors. The forwarder writes it in the same transaction as the events
 * it covers, so the events and the position become visible together or not at all; after a crash
 * the position read back says exactly which events Kafka has.
 *
 * <p>Value: {@code {"gateway": "...", "buffer": "<buffer id>", "position": <next position>}}.
 */
final class CommittedPositions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_PAUSE = Duration.ofMillis(100);

    private final String topic;
    private final String gatewayId;
    private final byte[] key;
    private final TopicPartition partition;

    /** A delivered position: every event of buffer {@code bufferId} before {@code position} is in Kafka. */
    record Committed(String bufferId, long position) {
    }

    CommittedPositions(String topic, String gatewayId) {
        this.topic = topic;
        this.gatewayId = gatewayId;
        this.key = gatewayId.getBytes(StandardCharsets.UTF_8);
        this.partition = new TopicPartition(topic, 0);
    }

    String topic() {
        return topic;
    }

    /** One partition, so that a gateway's positions stay in order; compacted, so that only the latest stays. */
    TopicSpec topicSpec(int replicationFactor) {
        return new TopicSpec(topic, "gateway id", "edge buffer position (JSON)", 1, replicationFactor,
                CleanupPolicy.COMPACT, Optional.empty(),
                // Rolled hourly so that compaction, which never touches the active segment, keeps it small.
                Map.of("segment.ms", String.valueOf(Duration.ofHours(1).toMillis())),
                "Each edge gateway's delivered buffer position, written in its delivery transactions.");
    }

    /** The record that commits {@code position} of buffer {@code bufferId}, to send inside the transaction. */
    ProducerRecord<byte[], byte[]> record(String bufferId, long position) {
        ObjectNode value = JSON.createObjectNode().put("gateway", gatewayId).put("buffer", bufferId)
                .put("position", position);
        try {
            return new ProducerRecord<>(topic, 0, key, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write an edge position as JSON", e);
        }
    }

    /**
     * The latest committed position of this gateway, empty if it never committed one. Reads the
     * partition to its high watermark with a {@code read_committed} consumer, which therefore also
     * waits until every transaction before the high watermark, the gateway's own last one included,
     * is committed or aborted.
     *
     * @throws TimeoutException if Kafka does not answer, or open transactions do not end, in time
     */
    Optional<Committed> read(Admin admin, Consumer<byte[], byte[]> consumer, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long end = highWatermark(admin, timeout);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        Optional<Committed> latest = Optional.empty();
        while (consumer.position(partition, timeout) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (Arrays.equals(record.key(), key)) {
                    latest = parse(record);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Reading " + topic + " did not reach offset " + end + " within "
                        + timeout.toSeconds() + " s: " + openTransactions(admin, timeout));
            }
        }
        return latest;
    }

    /** Which producers hold a transaction open on the partition, for the message: what holds the read back. */
    private String openTransactions(Admin admin, Duration timeout) {
        try {
            List<String> open = admin.describeProducers(List.of(partition)).partitionResult(partition)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).activeProducers().stream()
                    .filter(producer -> producer.currentTransactionStartOffset().isPresent())
                    .map(producer -> "producer " + producer.producerId() + " epoch " + producer.producerEpoch()
                            + " since offset " + producer.currentTransactionStartOffset().getAsLong()
                            + " (last write " + Instant.ofEpochMilli(producer.lastTimestamp()) + ")")
                    .toList();
            return open.isEmpty() ? "no transaction is open on " + partition + " (Kafka slow to answer?)"
                    : "open transaction(s) on " + partition + ": " + String.join(", ", open);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "open transactions on " + partition + " unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private long highWatermark(Admin admin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                        .partitionResult(partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
            } catch (ExecutionException e) {
                // Just created: its metadata reaches the broker a moment after the controller has it.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e.getCause() instanceof KafkaException k ? k
                            : new KafkaException("Cannot read the end of " + topic, e.getCause());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new TimeoutException("Kafka did not give the end of " + topic + " within "
                        + timeout.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            try {
                Thread.sleep(METADATA_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
        }
    }

    private Optional<Committed> parse(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Optional.empty(); // a tombstone: the position was reset by hand
        }
        try {
            JsonNode value = JSON.readTree(record.value());
            return Optional.of(new Committed(value.path("buffer").asText(), value.path("position").asLong()));
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable edge position of gateway " + gatewayId + " at " + topic + "@"
                    + record.offset() + ": " + e.getMessage(), e);
        }
    }
}
