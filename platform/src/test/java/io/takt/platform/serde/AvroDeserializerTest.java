package io.takt.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroDeserializerTest {

    private static final String TOPIC = "takt.plant1.part-count.v1";
    private static final String SUBJECT = TOPIC + "-value";

    /** Version 1 of PartCount: before scrapParts was added. */
    private static final Schema PART_COUNT_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "PartCount", "namespace": "io.takt.platform.serde",
             "fields": [
               {"name": "machineId", "type": "string"},
               {"name": "goodParts", "type": "long"}
             ]}
            """);

    /** Version 3 of PartCount: after shift was added, which the version-2 class does not know. */
    private static final Schema PART_COUNT_V3 = new Schema.Parser().parse("""
            {"type": "record", "name": "PartCount", "namespace": "io.takt.platform.serde",
             "fields": [
               {"name": "machineId", "type": "string"},
               {"name": "goodParts", "type": "long"},
               {"name": "scrapParts", "type": "int", "default": 0},
               {"name": "shift", "type": "string", "default": ""}
             ]}
            """);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerializer<Object> serializer = new AvroSerializer<>(registry);

    @Test
    void shouldReadBytesFramedByHandIntoTheGivenClass() {
        // Given PartCount registered as id 1, and a record laid out by hand as Confluent frames it:
        //   00 | 00 00 00 01 | 0e "press-1" | d8 04 (300) | 04 (2)
        registry.register(SUBJECT, PartCount.SCHEMA$);
        byte[] confluentBytes = {0x00, 0x00, 0x00, 0x00, 0x01,
                0x0e, 0x70, 0x72, 0x65, 0x73, 0x73, 0x2d, 0x31, (byte) 0xd8, 0x04, 0x04};

        // When
        PartCount read = new AvroDeserializer<>(PartCount.class, registry).deserialize(TOPIC, confluentBytes);

        // Then
        assertThat(read).isEqualTo(new PartCount("press-1", 300, 2));
    }

    @Test
    void shouldRoundTripASpecificRecord() {
        // Given
        byte[] bytes = serializer.serialize(TOPIC, new PartCount("press-1", 1200, 14));

        // When
        PartCount read = new AvroDeserializer<>(PartCount.class, registry).deserialize(TOPIC, bytes);

        // Then
        assertThat(read.getMachineId()).isEqualTo("press-1");
        assertThat(read.getGoodParts()).isEqualTo(1200);
        assertThat(read.getScrapParts()).isEqualTo(14);
    }

    @Test
    void shouldRoundTripAGenericRecordAsWritten() {
        // Given
        GenericRecord written = new GenericRecordBuilder(PART_COUNT_V3)
                .set("machineId", "press-1").set("goodParts", 5L).set("scrapParts", 1).set("shift", "B").build();
        byte[] bytes = serializer.serialize(TOPIC, written);

        // When read by a deserializer with no class
        Object read = new AvroDeserializer<>(registry).deserialize(TOPIC, bytes);

        // Then it is a GenericRecord of the writer's schema, every field kept, strings as Avro's Utf8
        assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(PartCount.class);
        GenericRecord record = (GenericRecord) read;
        assertThat(record.getSchema()).isEqualTo(PART_COUNT_V3);
        assertThat(record.get("machineId")).isEqualTo(new Utf8("press-1"));
        assertThat(record.get("goodParts")).isEqualTo(5L);
        assertThat(record.get("scrapParts")).isEqualTo(1);
        assertThat(record.get("shift")).isEqualTo(new Utf8("B"));
    }

    @Test
    void shouldFillTheDefaultWhenAnOlderWriterIsReadIntoTheNewerClass() {
        // Given a record written by a v1 producer, which knew nothing of scrapParts
        byte[] bytes = serializer.serialize(TOPIC, new GenericRecordBuilder(PART_COUNT_V1)
                .set("machineId", "press-1").set("goodParts", 40L).build());

        // When read into the v2 class
        PartCount read = new AvroDeserializer<>(PartCount.class, registry).deserialize(TOPIC, bytes);

        // Then scrapParts takes its declared default, 0
        assertThat(read).isEqualTo(new PartCount("press-1", 40, 0));
    }

    @Test
    void shouldDropTheUnknownFieldWhenANewerWriterIsReadIntoTheOlderClass() {
        // Given a record written by a v3 producer, with a shift the v2 class does not have
        byte[] bytes = serializer.serialize(TOPIC, new GenericRecordBuilder(PART_COUNT_V3)
                .set("machineId", "press-1").set("goodParts", 40L).set("scrapParts", 3).set("shift", "night").build());

        // When read into the v2 class
        PartCount read = new AvroDeserializer<>(PartCount.class, registry).deserialize(TOPIC, bytes);

        // Then the known fields arrive and the shift is skipped
        assertThat(read).isEqualTo(new PartCount("press-1", 40, 3));
    }

    @Test
    void shouldReadTheClassNamedByTheWriterWhenSpecificAvroReaderIsOn() {
        // Given a v1 record, and a deserializer without a class but with specific.avro.reader=true
        byte[] bytes = serializer.serialize(TOPIC, new GenericRecordBuilder(PART_COUNT_V1)
                .set("machineId", "press-1").set("goodParts", 40L).build());
        var deserializer = new AvroDeserializer<Object>(registry);
        deserializer.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);

        // When
        Object read = deserializer.deserialize(TOPIC, bytes);

        // Then io.takt.platform.serde.PartCount, the class of that name, is found and read into
        assertThat(read).isEqualTo(new PartCount("press-1", 40, 0));
    }

    @Test
    void shouldReadGenericRecordsByDefaultEvenWhenTheNamedClassExists() {
        // Given
        byte[] bytes = serializer.serialize(TOPIC, new PartCount("press-1", 40, 0));
        var deserializer = new AvroDeserializer<Object>(registry);
        deserializer.configure(Map.of(), false);

        // When / Then: specific.avro.reader defaults to false, as in Confluent's deserializer
        assertThat(deserializer.deserialize(TOPIC, bytes)).isNotInstanceOf(PartCount.class);
    }

    @Test
    void shouldReadIntoTheClassNamedInSpecificAvroValueType() {
        // Given a deserializer made by class name and configured as Confluent's would be
        byte[] bytes = serializer.serialize(TOPIC, new PartCount("press-1", 40, 2));
        var deserializer = new AvroDeserializer<Object>(registry);
        deserializer.configure(Map.of("specific.avro.value.type", PartCount.class.getName()), false);

        // When / Then
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(new PartCount("press-1", 40, 2));
    }

    @Test
    void shouldRefuseASpecificTypeThatIsNotASpecificRecord() {
        // Given
        var deserializer = new AvroDeserializer<Object>(registry);

        // When / Then
        assertThatThrownBy(() -> deserializer.configure(Map.of("specific.avro.value.type", "java.lang.String"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("specific.avro.value.type")
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("SpecificRecord");
    }

    @Test
    void shouldRefuseToReadARecordOfAnotherNameIntoTheGivenClass() {
        // Given a MachineState record, whose fields all have nothing in common with PartCount
        Schema machineState = new Schema.Parser().parse("""
                {"type": "record", "name": "MachineState", "namespace": "io.takt.test",
                 "fields": [{"name": "state", "type": "string"}]}
                """);
        byte[] bytes = serializer.serialize(TOPIC, new GenericRecordBuilder(machineState).set("state", "RUNNING").build());

        // When / Then: Avro alone would fill PartCount's defaults; this must fail instead
        assertThatThrownBy(() -> new AvroDeserializer<>(PartCount.class, registry).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'takt.plant1.part-count.v1'")
                .hasMessageContaining("schema id 1")
                .hasMessageContaining("Cannot read io.takt.test.MachineState into io.takt.platform.serde.PartCount");
    }

    @Test
    void shouldSayWhichClassIsMissingWhenSpecificAvroReaderFindsNone() {
        // Given a record whose schema names a class nobody generated
        Schema unknown = new Schema.Parser().parse("""
                {"type": "record", "name": "Unheard", "namespace": "io.takt.nowhere",
                 "fields": [{"name": "x", "type": "int"}]}
                """);
        byte[] bytes = serializer.serialize(TOPIC, new GenericRecordBuilder(unknown).set("x", 1).build());
        var deserializer = new AvroDeserializer<Object>(registry);
        deserializer.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);

        // When / Then
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("No SpecificRecord class io.takt.nowhere.Unheard")
                .hasMessageContaining("topic 'takt.plant1.part-count.v1'");
    }

    @Test
    void shouldReadNullAndEmptyBytesAsNull() {
        // Given
        var deserializer = new AvroDeserializer<>(PartCount.class, registry);

        // When / Then: null is a tombstone; empty is what some tools write for one
        assertThat(deserializer.deserialize(TOPIC, null)).isNull();
        assertThat(deserializer.deserialize(TOPIC, new byte[0])).isNull();
        assertThat(registry.schemaByIdCalls()).isZero();
    }

    @Test
    void shouldNameTheTopicAndTheByteFoundWhenTheMagicByteIsUnknown() {
        // Given JSON on an Avro topic
        byte[] json = "{\"machineId\":\"press-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        // When / Then
        assertThatThrownBy(() -> new AvroDeserializer<>(PartCount.class, registry).deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot read record from topic 'takt.plant1.part-count.v1': "
                        + "Unknown magic byte 0x7b: not Confluent Avro wire format (is this JSON?)");
    }

    @Test
    void shouldNameTheTopicAndIdWhenTheWriterSchemaIsNotInTheRegistry() {
        // Given a record claiming schema id 99, which this registry never issued
        byte[] bytes = {0x00, 0x00, 0x00, 0x00, 0x63, 0x02};

        // When / Then
        assertThatThrownBy(() -> new AvroDeserializer<>(PartCount.class, registry).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("writer schema id 99")
                .hasMessageContaining("topic 'takt.plant1.part-count.v1'")
                .hasMessageContaining("another schema registry");
    }

    @Test
    void shouldNameTheTopicAndIdWhenTheBodyIsCorrupt() {
        // Given a header for PartCount's id 1 and a body cut off inside machineId (length 7, one byte present)
        registry.register(SUBJECT, PartCount.SCHEMA$);
        byte[] truncated = {0x00, 0x00, 0x00, 0x00, 0x01, 0x0e, 0x70};

        // When / Then
        assertThatThrownBy(() -> new AvroDeserializer<>(PartCount.class, registry).deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'takt.plant1.part-count.v1'")
                .hasMessageContaining("schema id 1 (io.takt.platform.serde.PartCount)")
                .hasMessageContaining("EOFException");
    }

    @Test
    void shouldFetchEachWriterSchemaFromTheRegistryOnlyOnce() {
        // Given two records written with the same schema
        byte[] first = serializer.serialize(TOPIC, new PartCount("press-1", 1, 0));
        byte[] second = serializer.serialize(TOPIC, new PartCount("press-2", 2, 0));
        var deserializer = new AvroDeserializer<>(PartCount.class, registry);

        // When both are read
        deserializer.deserialize(TOPIC, first);
        deserializer.deserialize(TOPIC, second);

        // Then the registry was asked for the schema once
        assertThat(registry.schemaByIdCalls()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAClassThatIsNotASpecificRecord() {
        // When / Then
        assertThatThrownBy(() -> new AvroDeserializer<>(String.class, registry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not an Avro SpecificRecord class");
    }
}
