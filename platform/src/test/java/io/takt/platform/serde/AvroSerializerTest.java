package io.takt.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryException;

class AvroSerializerTest {

    private static final String TOPIC = "takt.plant1.machine-counter.v1";

    private static final Schema COUNTER = new Schema.Parser().parse("""
            {"type": "record", "name": "MachineCounter", "namespace": "io.takt.test",
             "fields": [
               {"name": "machineId", "type": "string"},
               {"name": "goodParts", "type": "long"},
               {"name": "scrapParts", "type": "int"},
               {"name": "operator", "type": ["null", "string"], "default": null},
               {"name": "shift", "type": ["null", "string"], "default": null}
             ]}
            """);

    @Test
    void shouldWriteMagicByteSchemaIdAndAvroBinaryExactlyAsConfluentDoes() {
        // Given a registry that hands out schema id 0x01020304
        var registry = new InMemorySchemaRegistry(0x01020304);
        var serializer = new AvroSerializer<GenericRecord>(registry);

        // When a counter record is serialized
        byte[] bytes = serializer.serialize(TOPIC, counter("press-1", 300, -2, null, "A"));

        // Then, worked out by hand:
        //   00                      magic byte
        //   01 02 03 04             schema id 0x01020304, big-endian
        //   0e                      machineId: length 7, zig-zag 7 -> 14 = 0x0e
        //   70 72 65 73 73 2d 31    "press-1" in ASCII
        //   d8 04                   goodParts 300: zig-zag 600 = 0b100_1011000 -> 0x58|0x80 = 0xd8, then 600>>7 = 4
        //   03                      scrapParts -2: zig-zag (-2 << 1) ^ (-2 >> 31) = -4 ^ -1 = 3
        //   00                      operator null: union branch 0 ("null"), no value follows
        //   02 02 41                shift "A": union branch 1 -> zig-zag 2, length 1 -> zig-zag 2, 'A' = 0x41
        assertThat(bytes).containsExactly(
                0x00,
                0x01, 0x02, 0x03, 0x04,
                0x0e, 0x70, 0x72, 0x65, 0x73, 0x73, 0x2d, 0x31,
                0xd8, 0x04,
                0x03,
                0x00,
                0x02, 0x02, 0x41);
    }

    @Test
    void shouldWriteSpecificRecordsInTheSameWireFormat() {
        // Given a registry whose first schema id is 7
        var serializer = new AvroSerializer<PartCount>(new InMemorySchemaRegistry(7));

        // When a generated-style record is serialized
        byte[] bytes = serializer.serialize(TOPIC, new PartCount("press-1", 300, 2));

        // Then: 00 | 00 00 00 07 | 0e "press-1" | d8 04 (300, as above) | 04 (2 zig-zags to 4)
        assertThat(bytes).containsExactly(
                0x00, 0x00, 0x00, 0x00, 0x07,
                0x0e, 0x70, 0x72, 0x65, 0x73, 0x73, 0x2d, 0x31,
                0xd8, 0x04,
                0x04);
    }

    @Test
    void shouldSerializeNullAsNullWithoutAskingTheRegistry() {
        // Given
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<GenericRecord>(registry);

        // When a tombstone is serialized
        byte[] bytes = serializer.serialize(TOPIC, null);

        // Then it stays a tombstone
        assertThat(bytes).isNull();
        assertThat(registry.registerCalls()).isZero();
    }

    @Test
    void shouldRegisterValueSchemasUnderTopicDashValue() {
        // Given a serializer configured for values
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<GenericRecord>(registry);
        serializer.configure(Map.of(), false);

        // When
        serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null));

        // Then
        assertThat(registry.subjects()).containsExactly("takt.plant1.machine-counter.v1-value");
    }

    @Test
    void shouldRegisterKeySchemasUnderTopicDashKeyWhenConfiguredAsKey() {
        // Given a serializer configured for keys
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<GenericRecord>(registry);
        serializer.configure(Map.of(), true);

        // When
        serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null));

        // Then
        assertThat(registry.subjects()).containsExactly("takt.plant1.machine-counter.v1-key");
    }

    @Test
    void shouldAskTheRegistryOnlyForTheFirstRecordOfASchemaOnATopic() {
        // Given a serializer that has written one record
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<GenericRecord>(registry);
        serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null));

        // When two more records of the same schema follow, one built from a fresh parse of it
        Schema sameSchemaParsedAgain = new Schema.Parser().parse(COUNTER.toString());
        serializer.serialize(TOPIC, counter("press-2", 2, 0, null, null));
        serializer.serialize(TOPIC, new GenericRecordBuilder(sameSchemaParsedAgain)
                .set("machineId", "press-3").set("goodParts", 3L).set("scrapParts", 0).build());

        // Then the registry was asked once in all
        assertThat(registry.registerCalls()).isEqualTo(1);
    }

    @Test
    void shouldAskTheRegistryAgainForTheSameSchemaOnAnotherTopic() {
        // Given a serializer that has written to one topic
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<GenericRecord>(registry);
        serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null));

        // When the same schema goes to a second topic, which is a second subject
        serializer.serialize("takt.plant2.machine-counter.v1", counter("press-1", 1, 0, null, null));

        // Then both subjects hold it, and the registry was asked once per subject
        assertThat(registry.subjects()).containsExactlyInAnyOrder(
                "takt.plant1.machine-counter.v1-value", "takt.plant2.machine-counter.v1-value");
        assertThat(registry.registerCalls()).isEqualTo(2);
    }

    @Test
    void shouldLookUpRatherThanRegisterWhenAutoRegisterIsOff() {
        // Given the schema registered beforehand as id 1, and auto-registration off
        var registry = new InMemorySchemaRegistry(1);
        registry.register(TOPIC + "-value", COUNTER);
        var serializer = new AvroSerializer<GenericRecord>(registry);
        serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        // When
        byte[] bytes = serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null));

        // Then it looked the id up, registered nothing more, and wrote id 1
        assertThat(registry.idOfCalls()).isEqualTo(1);
        assertThat(registry.registerCalls()).isEqualTo(1);
        assertThat(bytes).startsWith(0x00, 0x00, 0x00, 0x00, 0x01);
    }

    @Test
    void shouldFailNamingTheSubjectWhenTheSchemaIsUnregisteredAndAutoRegisterIsOff() {
        // Given an empty registry and auto-registration off, set as a string as in a properties file
        var serializer = new AvroSerializer<GenericRecord>(new InMemorySchemaRegistry());
        serializer.configure(Map.of("auto.register.schemas", "false"), false);

        // When / Then
        assertThatThrownBy(() -> serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.takt.test.MachineCounter is not registered")
                .hasMessageContaining("subject 'takt.plant1.machine-counter.v1-value'")
                .hasMessageContaining("auto.register.schemas=false");
    }

    @Test
    void shouldReportAnIncompatibleSchemaAsAConfigurationErrorNamingTheSubject() {
        // Given a registry that refuses the schema as incompatible (Confluent: HTTP 409, error code 409)
        var serializer = new AvroSerializer<GenericRecord>(registryAnswering(
                new SchemaRegistryException(409, 409, "Schema being registered is incompatible with an earlier schema")));

        // When / Then: no retry can fix this record, so it is not a plain SerializationException
        assertThatThrownBy(() -> serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("subject 'takt.plant1.machine-counter.v1-value'")
                .hasMessageContaining("incompatible");
    }

    @Test
    void shouldReportAnUnreachableRegistryAsASerializationErrorOfTheRecord() {
        // Given a registry that cannot be reached
        var serializer = new AvroSerializer<GenericRecord>(registryAnswering(
                new SchemaRegistryException("Connection refused", new java.net.ConnectException("refused"))));

        // When / Then
        assertThatThrownBy(() -> serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot register schema io.takt.test.MachineCounter")
                .hasMessageContaining("topic 'takt.plant1.machine-counter.v1'");
    }

    @Test
    void shouldRejectAValueThatIsNotAvroNamingItsClassAndTopic() {
        // Given
        var serializer = new AvroSerializer<Object>(new InMemorySchemaRegistry());

        // When / Then
        assertThatThrownBy(() -> serializer.serialize(TOPIC, "RUNNING"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("topic 'takt.plant1.machine-counter.v1'");
    }

    @Test
    void shouldNameTopicSubjectAndSchemaIdWhenARecordCannotBeEncoded() {
        // Given a record missing its required machineId, and a registry whose first id is 42
        var serializer = new AvroSerializer<GenericRecord>(new InMemorySchemaRegistry(42));
        GenericRecord incomplete = counter(null, 1, 0, null, null);

        // When / Then
        assertThatThrownBy(() -> serializer.serialize(TOPIC, incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'takt.plant1.machine-counter.v1'")
                .hasMessageContaining("subject 'takt.plant1.machine-counter.v1-value'")
                .hasMessageContaining("schema id 42");
    }

    @Test
    void shouldRefuseConfigurationWithNeitherRegistryUrlNorClient() {
        // Given a serializer made by class name, as Kafka does
        var serializer = new AvroSerializer<GenericRecord>();

        // When / Then
        assertThatThrownBy(() -> serializer.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldSayHowToConfigureWhenUsedBeforeConfigure() {
        // Given
        var serializer = new AvroSerializer<GenericRecord>();

        // When / Then
        assertThatThrownBy(() -> serializer.serialize(TOPIC, counter("press-1", 1, 0, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured")
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldGiveEachThreadItsOwnCorrectBytesWhenThreadsShareOneSerializer() throws Exception {
        // Given one serializer shared by 8 threads, as a Kafka Streams instance may share it
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<PartCount>(registry);
        var deserializer = new AvroDeserializer<>(PartCount.class, registry);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String machineId = "press-" + t;
            workers.add(() -> mismatches(serializer, deserializer, machineId, 2_000));
        }

        // When each writes 2000 records of its own and reads each back
        int mismatches = 0;
        try {
            for (Future<Integer> result : threads.invokeAll(workers)) {
                mismatches += result.get();
            }
        } finally {
            threads.shutdownNow();
        }

        // Then no thread ever saw another's bytes; threads racing on the very first record may each
        // have asked the registry once, but none asked twice
        assertThat(mismatches).isZero();
        assertThat(registry.registerCalls()).isBetween(1, 8);
    }

    private static int mismatches(AvroSerializer<PartCount> serializer, AvroDeserializer<PartCount> deserializer,
            String machineId, int records) {
        int mismatches = 0;
        for (int i = 0; i < records; i++) {
            PartCount read = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, new PartCount(machineId, i, i % 7)));
            if (!read.getMachineId().equals(machineId) || read.getGoodParts() != i || read.getScrapParts() != i % 7) {
                mismatches++;
            }
        }
        return mismatches;
    }

    private static GenericRecord counter(String machineId, long good, int scrap, String operator, String shift) {
        GenericRecord record = new GenericData.Record(COUNTER);
        record.put("machineId", machineId);
        record.put("goodParts", good);
        record.put("scrapParts", scrap);
        record.put("operator", operator);
        record.put("shift", shift);
        return record;
    }

    /** A registry whose every answer is {@code failure}. */
    private static SchemaRegistryClient registryAnswering(SchemaRegistryException failure) {
        return new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                throw failure;
            }

            @Override
            public int idOf(String subject, Schema schema) {
                throw failure;
            }

            @Override
            public Schema schemaById(int id) {
                throw failure;
            }
        };
    }
}
