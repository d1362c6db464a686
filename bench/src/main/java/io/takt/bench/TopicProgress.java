package io.takt.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has committed on some topics, and how many records (offsets) topics
 * hold: the OEE app's input progress is read from its committed offsets, as an operator watches
 * consumer lag, so the benchmark does not slow the app by asking it anything.
 */
final class TopicProgress implements AutoCloseable {

    private final Admin admin;

    TopicProgress(String bootstrapServers) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** Sum of the offsets {@code group} has committed on partitions of {@code topics}. */
    long committed(String group, List<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            long sum = 0;
            for (var entry : offsets.entrySet()) {
                if (entry.getValue() != null && topics.contains(entry.getKey().topic())) {
                    sum += entry.getValue().offset();
                }
            }
            return sum;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of group " + group, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sum of the end offsets of every partition of {@code topic}: the records written, plus one
     * marker per partition for each transaction that touched it.
     */
    long endOffsets(String topic) {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                    OffsetSpec.latest()));
            long sum = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(request).all().get().values()) {
                sum += info.offset();
            }
            return sum;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the broker answers for every partition of {@code topics} as their leader: a
     * producer that writes to a topic created a moment ago can meet NOT_LEADER_OR_FOLLOWER, and
     * its idempotent retry may then stall on a sequence gap.
     */
    void awaitLeaders(List<String> topics, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                for (String topic : topics) {
                    endOffsets(topic);
                }
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
