package io.takt.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

class AvroSerdeTopologyTest {

    private static final String PART_COUNTS = "takt.plant1.part-count.v1";
    private static final String SCRAP_ALERTS = "takt.plant1.scrap-alert.v1";

    private static final Schema MACHINE_KEY = new Schema.Parser().parse("""
            {"type": "record", "name": "MachineKey", "namespace": "io.takt.test",
             "fields": [{"name": "machineId", "type": "string"}]}
            """);

    /** Passes on the counts of machines that scrapped parts, and deletions, whatever the key type. */
    private static <K> Topology scrapAlerts(Serde<K> keys, Serde<PartCount> partCounts) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(PART_COUNTS, Consumed.with(keys, partCounts).withName("part-counts"))
                .filter((machine, count) -> count == null || count.getScrapParts() > 0, Named.as("scrapped-or-deleted"))
                .to(SCRAP_ALERTS, Produced.with(keys, partCounts).withName("scrap-alerts"));
        return builder.build();
    }

    @Test
    void shouldCarrySpecificRecordsAndTombstonesThroughATopologyInConfluentWireFormat() {
        // Given a topology whose values go through one AvroSerde, on a registry whose first id is 1
        var registry = new InMemorySchemaRegistry(1);
        AvroSerde<PartCount> partCounts = TaktSerdes.specific(PartCount.class, registry, false);
        try (var driver = new TopologyTestDriver(scrapAlerts(Serdes.String(), partCounts), streamsProperties())) {
            var in = driver.createInputTopic(PART_COUNTS, new StringSerializer(), partCounts.serializer());
            var out = driver.createOutputTopic(SCRAP_ALERTS, new StringDeserializer(), new ByteArrayDeserializer());

            // When a clean count, a count with scrap and a deletion arrive
            in.pipeInput("press-1", new PartCount("press-1", 100, 0));
            in.pipeInput("press-2", new PartCount("press-2", 97, 3));
            in.pipeInput("press-3", null);

            // Then the scrap count and the tombstone come out
            List<KeyValue<String, byte[]>> written = out.readKeyValuesToList();
            assertThat(written).extracting(kv -> kv.key).containsExactly("press-2", "press-3");
            // framed with id 1: the one PartCount schema, registered under both topics' subjects
            assertThat(written.get(0).value).startsWith(0x00, 0x00, 0x00, 0x00, 0x01);
            assertThat(partCounts.deserializer().deserialize(SCRAP_ALERTS, written.get(0).value))
                    .isEqualTo(new PartCount("press-2", 97, 3));
            assertThat(written.get(1).value).isNull();
        }
        assertThat(registry.subjects()).containsExactlyInAnyOrder(
                "takt.plant1.part-count.v1-value", "takt.plant1.scrap-alert.v1-value");
    }

    @Test
    void shouldRegisterAvroKeysUnderTheKeySubjectOfEachTopic() {
        // Given generic Avro keys and specific Avro values
        var registry = new InMemorySchemaRegistry();
        AvroSerde<GenericRecord> machineKeys = TaktSerdes.generic(registry, true);
        AvroSerde<PartCount> partCounts = TaktSerdes.specific(PartCount.class, registry, false);
        try (var driver = new TopologyTestDriver(scrapAlerts(machineKeys, partCounts), streamsProperties())) {
            var in = driver.createInputTopic(PART_COUNTS, machineKeys.serializer(), partCounts.serializer());
            var out = driver.createOutputTopic(SCRAP_ALERTS, machineKeys.deserializer(), partCounts.deserializer());
            GenericRecord press2 = new GenericRecordBuilder(MACHINE_KEY).set("machineId", "press-2").build();

            // When
            in.pipeInput(press2, new PartCount("press-2", 97, 3));

            // Then the key reads back as written, and each topic has a key and a value subject
            KeyValue<GenericRecord, PartCount> alert = out.readKeyValue();
            assertThat(alert.key.get("machineId")).hasToString("press-2");
            assertThat(alert.value).isEqualTo(new PartCount("press-2", 97, 3));
        }
        assertThat(registry.subjects()).containsExactlyInAnyOrder(
                "takt.plant1.part-count.v1-key", "takt.plant1.part-count.v1-value",
                "takt.plant1.scrap-alert.v1-key", "takt.plant1.scrap-alert.v1-value");
    }

    private static Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "avro-serde-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // Opts in now to what Kafka 5.0 makes the default, which also keeps the test log quiet.
        props.put("processing.exception.handler.global.enabled", true);
        return props;
    }
}
