package io.takt.acquisition.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.takt.platform.serde.AvroDeserializer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.SourceRef;

/**
 * Every event a {@code read_committed} consumer finds on a site's four edge topics, each partition
 * read from its start to its end, in partition order; and the checks the resilience tests make on
 * them: each (address, sequence) once, in order per key.
 */
final class DeliveredEvents {

    /** The mapper's sequence layout ({@code SequenceStore}): {@code epoch << 36 | counter}, a new epoch per start. */
    static final int COUNTER_BITS = 36;

    /** One event as read. */
    record Delivered(String topic, int partition, long offset, String key, SpecificRecordBase value) {

        String address() {
            return ((SourceRef) value.get("source")).getAddress();
        }

        long sequence() {
            return (Long) value.get("sequence");
        }

        /** When the gateway received the sample behind it (the gateway's clock). */
        Instant received() {
            return (Instant) value.get("receiveTimestamp");
        }

        /** The source's time of the sample behind it (the simulator's, simulated clock). */
        Instant sourceTime() {
            return (Instant) value.get("sourceTimestamp");
        }

        /** The gateway start that numbered it. */
        long epoch() {
            return sequence() >>> COUNTER_BITS;
        }

        /** Its number within that start: 1, 2, 3, ... per address. */
        long counter() {
            return sequence() & ((1L << COUNTER_BITS) - 1);
        }

        /** The simulator's node id, e.g. {@code Line1.Press1.GoodCount}: the address ends {@code ;s=<node id>}. */
        String node() {
            String address = address();
            return address.substring(address.indexOf(";s=") + 3);
        }
    }

    private final List<Delivered> events;

    private DeliveredEvents(List<Delivered> events) {
        this.events = events;
    }

    /**
     * Reads the site's machine-state, production-count, material-movement and quality-result topics
     * to their last stable offsets. Call it once the gateway's buffer is drained.
     */
    static DeliveredEvents readAll(KafkaBackbone backbone, TopicCatalogue topics, Duration timeout) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        var values = new AvroDeserializer<SpecificRecordBase>();
        values.configure(Map.of("schema.registry.url", backbone.registryUrl(), "specific.avro.reader", "true"), false);
        List<Delivered> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var topic : List.of(topics.machineState(), topics.productionCount(), topics.materialMovement(),
                    topics.qualityResult())) {
                consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(),
                        p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                assertThat(System.nanoTime()).as("read to the end of %s within %s", ends, timeout).isLessThan(deadline);
                for (ConsumerRecord<String, SpecificRecordBase> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(new Delivered(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
                }
            }
        }
        return new DeliveredEvents(events);
    }

    int size() {
        return events.size();
    }

    List<Delivered> where(Predicate<Delivered> filter) {
        return events.stream().filter(filter).toList();
    }

    /** A machine's state events in the order they were read (its key lives in one partition). */
    List<MachineStateChanged> statesOf(String equipmentId) {
        return events.stream().filter(e -> e.value() instanceof MachineStateChanged && e.key().equals(equipmentId))
                .map(e -> (MachineStateChanged) e.value()).toList();
    }

    /** The parts the events of one counter node report: good quantities for a good count, scrap for a reject count. */
    long partsReported(String counterNode, Predicate<Delivered> filter) {
        return events.stream().filter(e -> e.value() instanceof ProductionCount && e.node().equals(counterNode))
                .filter(filter).mapToLong(e -> quantity((ProductionCount) e.value())).sum();
    }

    /** Each counter event's quantity, i.e. the increment the gateway reported. */
    List<Long> increments(Predicate<Delivered> filter) {
        return events.stream().filter(e -> e.value() instanceof ProductionCount).filter(filter)
                .map(e -> quantity((ProductionCount) e.value())).toList();
    }

    /** How many events each gateway start (epoch) numbered and delivered. */
    Map<Long, Long> countByEpoch() {
        return events.stream().collect(Collectors.groupingBy(Delivered::epoch, TreeMap::new, Collectors.counting()));
    }

    /**
     * The issue's check: no (address, sequence) twice, and per partition key the sequences of each
     * address strictly increase in the order read.
     */
    void assertEverySequenceOnceInOrderPerKey() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        Map<String, Long> lastPerKeyAndAddress = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (Delivered e : events) {
            if (!seen.add(e.address() + "#" + e.sequence())) {
                duplicates.add(e.address() + "#" + e.sequence() + " at " + e.topic() + "-" + e.partition() + "@"
                        + e.offset());
            }
            String keyAndAddress = e.topic() + "|" + e.key() + "|" + e.address();
            Long last = lastPerKeyAndAddress.put(keyAndAddress, e.sequence());
            if (last != null && last >= e.sequence()) {
                outOfOrder.add(keyAndAddress + ": " + e.sequence() + " read after " + last);
            }
        }
        assertThat(duplicates).as("(address, sequence) delivered more than once").isEmpty();
        assertThat(outOfOrder).as("sequences not increasing per key").isEmpty();
    }

    /**
     * Per address and gateway start, the sequence counters delivered are exactly 1..n: the mapper
     * numbers one address's events one after another and appends each before numbering the next, so
     * a hole would be an event lost after a later one of the same address was acknowledged.
     */
    void assertNoHolesPerAddressAndStart() {
        Map<String, List<Long>> counters = new LinkedHashMap<>();
        for (Delivered e : events) {
            counters.computeIfAbsent(e.address() + " epoch " + e.epoch(), k -> new ArrayList<>()).add(e.counter());
        }
        counters.forEach((addressAndEpoch, delivered) -> {
            List<Long> sorted = delivered.stream().sorted().toList();
            assertThat(sorted).as("sequence counters of %s", addressAndEpoch)
                    .isEqualTo(LongStream.rangeClosed(1, sorted.size()).boxed().toList());
        });
    }

    private static long quantity(ProductionCount count) {
        return count.getGoodQuantity() + count.getScrapQuantity() + count.getReworkQuantity();
    }
}
