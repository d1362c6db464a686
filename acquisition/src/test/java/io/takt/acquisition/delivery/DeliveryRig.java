package io.takt.acquisition.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.serde.ConfluentWireFormat;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.SourceRef;

/** What the delivery tests share: config for a gateway on the test backbone, events, and a read_committed reader. */
final class DeliveryRig {

    static final Instant SHIFT_START = Instant.parse("2026-11-25T06:00:00Z");

    private DeliveryRig() {
    }

    /** A gateway's config on the backbone: its site, id and buffer directory, plus any {@code key=value} extras. */
    static TaktConfig config(String bootstrapServers, String registryUrl, String site, String gatewayId,
                             Path bufferDir, String... extras) {
        ConfigSources.Builder sources = ConfigSources.builder()
                .set("site=" + site)
                .set("kafka.bootstrap.servers=" + bootstrapServers)
                .set("schema.registry.url=" + registryUrl)
                .set("gateway.id=" + gatewayId)
                .set("buffer.dir=" + bufferDir);
        Arrays.stream(extras).forEach(sources::set);
        return StoreAndForward.DEFINITION.validate(sources.build());
    }

    /** The site's catalogue topics, three partitions each, so that order per key is tested across partitions. */
    static TopicCatalogue provision(KafkaBackbone backbone, String site) {
        TopicCatalogue catalogue = TopicCatalogue.forSite(site, 3, 1);
        try (Admin admin = backbone.admin()) {
            new TopicProvisioner(admin).provision(catalogue.all());
        }
        return catalogue;
    }

    /** A state change of {@code machine} (the key), numbered {@code sequence} by {@code source}. */
    static MachineStateChanged stateChange(String machine, String source, long sequence) {
        Instant at = SHIFT_START.plusMillis(sequence);
        return MachineStateChanged.newBuilder()
                .setEquipment(EquipmentRef.newBuilder().setId(machine).setEnterprise("acme").setSite("site1")
                        .setArea("assembly").setLine("line2").setMachine(machine).build())
                .setState(sequence % 2 == 0 ? MachineState.RUNNING : MachineState.IDLE)
                .setRawState(sequence % 2 == 0 ? "Execute" : "Idle")
                .setSourceTimestamp(at)
                .setReceiveTimestamp(at.plusMillis(40))
                .setSource(SourceRef.newBuilder().setGatewayId("gw").setAddress(source).build())
                .setSequence(sequence)
                .build();
    }

    /** One machine-state event as a read_committed consumer saw it. */
    record Delivered(String key, String source, long sequence, int partition, long offset, int schemaId) {
    }

    /**
     * Everything committed on {@code topic} so far: polls until at least {@code atLeast} records came
     * and every partition is read to its end (the last stable offset), or the timeout passes.
     */
    static List<Delivered> readCommitted(String bootstrapServers, String topic, int atLeast, Duration timeout) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<Delivered> delivered = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    delivered.add(decode(record));
                }
                if (delivered.size() >= atLeast && atEnd(consumer, partitions)) {
                    break;
                }
            }
        }
        return delivered;
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    private static Delivered decode(ConsumerRecord<byte[], byte[]> record) {
        ConfluentWireFormat.Framed framed = ConfluentWireFormat.unframe(record.value());
        SpecificDatumReader<MachineStateChanged> reader = new SpecificDatumReader<>(MachineStateChanged.SCHEMA$,
                MachineStateChanged.SCHEMA$, SpecificData.getForClass(MachineStateChanged.class));
        try {
            MachineStateChanged event = reader.read(null, DecoderFactory.get().binaryDecoder(framed.message(),
                    framed.avroOffset(), framed.avroLength(), null));
            String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
            return new Delivered(key, event.getSource().getAddress(), event.getSequence(), record.partition(),
                    record.offset(), framed.schemaId());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Undecodable record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
        }
    }

    /** Sequences per source, in the order they were read per key. */
    static Map<String, List<Long>> sequencesByKey(List<Delivered> delivered) {
        return delivered.stream().collect(Collectors.groupingBy(Delivered::key, Collectors.mapping(
                Delivered::sequence, Collectors.toList())));
    }

    static Map<String, List<Long>> sequencesBySource(List<Delivered> delivered) {
        return delivered.stream().collect(Collectors.groupingBy(Delivered::source, Collectors.mapping(
                Delivered::sequence, Collectors.toList())));
    }
}
