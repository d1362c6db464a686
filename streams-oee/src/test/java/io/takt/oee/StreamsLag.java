package io.takt.oee;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Kafka Streams app is behind: per partition, the end offset (last stable offset) minus
 * the app's committed offset. Under exactly-once an offset is committed in the same transaction
 * as the outputs it led to, so lag 0 on the inputs and on the app's repartition topics means every
 * output of every input is committed.
 */
final class StreamsLag {

    private StreamsLag() {
    }

    /**
     * Lag per partition of the given input topics (a partition with nothing committed counts from
     * 0) and of every other partition the group has committed (its internal repartition topics).
     */
    static Map<TopicPartition, Long> of(Admin admin, String applicationId, Collection<String> inputTopics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            admin.describeTopics(inputTopics).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            Map<TopicPartition, Long> lag = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                lag.put(p, ends.get(p).offset() - (c == null ? 0 : c.offset()));
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + applicationId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The app's committed offset per partition it has committed at all. */
    static Map<TopicPartition, Long> committed(Admin admin, String applicationId) {
        try {
            return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + applicationId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the app has no lag anywhere; fails with the lag it saw last. */
    static void awaitCaughtUp(Admin admin, String applicationId, Collection<String> inputTopics, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> lag = of(admin, applicationId, inputTopics);
        while (lag.values().stream().anyMatch(l -> l > 0)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(applicationId + " did not catch up within " + timeout + "; lag " + lag);
            }
            Thread.sleep(200);
            lag = of(admin, applicationId, inputTopics);
        }
    }
}
