package io.takt.erp.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.takt.platform.serde.AvroSerde;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.AvroSerializer;
import io.takt.platform.serde.InMemorySchemaRegistry;
import io.takt.platform.serde.TaktSerdes;
import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.Quantity;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

class TaktAvroConverterTest {

    private static final String TOPIC = "takt.site1.sample.v1";

    private static final org.apache.avro.Schema SAMPLE = new org.apache.avro.Schema.Parser().parse("""
            {"type": "record", "name": "Sample", "namespace": "io.takt.test", "doc": "Every common type.",
             "fields": [
               {"name": "name", "type": "string"},
               {"name": "nickname", "type": ["null", "string"], "default": null},
               {"name": "note", "type": ["string", "null"]},
               {"name": "count", "type": "int"},
               {"name": "total", "type": "long"},
               {"name": "ratio", "type": "double"},
               {"name": "active", "type": "boolean"},
               {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["IDLE", "RUNNING"]}},
               {"name": "createdAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
               {"name": "closedAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
               {"name": "amount", "type": {"type": "record", "name": "Amount", "fields": [
                 {"name": "value", "type": "double"}, {"name": "uom", "type": "string"}]}},
               {"name": "tags", "type": {"type": "array", "items": "string"}}
             ]}
            """);

    private static final org.apache.avro.Schema MORE = new org.apache.avro.Schema.Parser().parse("""
            {"type": "record", "name": "More", "namespace": "io.takt.test",
             "fields": [
               {"name": "day", "type": {"type": "int", "logicalType": "date"}},
               {"name": "timeOfDay", "type": {"type": "int", "logicalType": "time-millis"}},
               {"name": "precise", "type": {"type": "long", "logicalType": "timestamp-micros"}},
               {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
               {"name": "weight", "type": {"type": "fixed", "name": "Weight", "size": 8,
                 "logicalType": "decimal", "precision": 18, "scale": 3}},
               {"name": "blob", "type": "bytes"},
               {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 2}},
               {"name": "share", "type": "float"},
               {"name": "counts", "type": {"type": "map", "values": "long"}}
             ]}
            """);

    private static final Instant CREATED = Instant.parse("2026-03-02T06:00:00.123Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TaktAvroConverter converter = new TaktAvroConverter(registry);
    private final AvroSerde<GenericRecord> generic = TaktSerdes.generic(registry, false);

    @BeforeEach
    void configure() {
        converter.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://unused:8081"), false);
    }

    @AfterEach
    void close() {
        converter.close();
        generic.close();
    }

    @Test
    void shouldReadEveryCommonTypeIntoStructFields() {
        Struct struct = read(sample("set", CREATED.plusSeconds(60)));

        assertThat(struct.get("name")).isEqualTo("press-1");
        assertThat(struct.get("nickname")).isNull();
        assertThat(struct.get("note")).isEqualTo("set");
        assertThat(struct.get("count")).isEqualTo(7);
        assertThat(struct.get("total")).isEqualTo(9_000_000_000L);
        assertThat(struct.get("ratio")).isEqualTo(0.85);
        assertThat(struct.get("active")).isEqualTo(true);
        assertThat(struct.get("status")).isEqualTo("RUNNING");
        assertThat(struct.get("createdAt")).isEqualTo(Date.from(CREATED));
        assertThat(struct.get("closedAt")).isEqualTo(Date.from(CREATED.plusSeconds(60)));
        assertThat(struct.getStruct("amount").get("value")).isEqualTo(12.5);
        assertThat(struct.getStruct("amount").get("uom")).isEqualTo("KGM");
        assertThat(struct.getArray("tags")).containsExactly("hot", "line-1");
    }

    @Test
    void shouldMapEveryCommonTypeToItsConnectSchema() {
        Schema schema = read(sample(null, null)).schema();

        assertThat(schema.name()).isEqualTo("io.takt.test.Sample");
        assertThat(schema.doc()).isEqualTo("Every common type.");
        assertThat(schema.fields()).extracting(Field::name).containsExactly("name", "nickname", "note",
                "count", "total", "ratio", "active", "status", "createdAt", "closedAt", "amount", "tags");
        assertThat(schema.field("name").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("nickname").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("note").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("count").schema()).isEqualTo(Schema.INT32_SCHEMA);
        assertThat(schema.field("total").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(schema.field("ratio").schema()).isEqualTo(Schema.FLOAT64_SCHEMA);
        assertThat(schema.field("active").schema()).isEqualTo(Schema.BOOLEAN_SCHEMA);
        assertThat(schema.field("status").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("createdAt").schema()).isEqualTo(Timestamp.SCHEMA);
        assertThat(schema.field("closedAt").schema()).isEqualTo(Timestamp.builder().optional().build());
        assertThat(schema.field("amount").schema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.field("amount").schema().name()).isEqualTo("io.takt.test.Amount");
        assertThat(schema.field("tags").schema().valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
    }

    @Test
    void shouldReadNullsOfNullableFieldsAsNull() {
        Struct struct = read(sample(null, null));

        assertThat(struct.get("note")).isNull();
        assertThat(struct.get("closedAt")).isNull();
    }

    @Test
    void shouldReadOtherLogicalTypesBytesAndMaps() {
        GenericRecord more = new GenericRecordBuilder(MORE)
                .set("day", 20_514)
                .set("timeOfDay", 21_600_123)
                .set("precise", 1_772_431_200_123_456L)
                .set("price", ByteBuffer.wrap(new BigDecimal("1234.56").unscaledValue().toByteArray()))
                .set("weight", new GenericData.Fixed(MORE.getField("weight").schema(),
                        new byte[] {0, 0, 0, 0, 0, 0, 0x30, 0x39}))
                .set("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .set("code", new GenericData.Fixed(MORE.getField("code").schema(), new byte[] {9, 8}))
                .set("share", 0.5f)
                .set("counts", Map.of("good", 40L))
                .build();

        Struct struct = read(more);

        assertThat(struct.get("day")).isEqualTo(Date.from(Instant.parse("2026-03-02T00:00:00Z")));
        assertThat(struct.schema().field("day").schema()).isEqualTo(org.apache.kafka.connect.data.Date.SCHEMA);
        assertThat(struct.get("timeOfDay")).isEqualTo(new Date(21_600_123));
        assertThat(struct.schema().field("timeOfDay").schema()).isEqualTo(Time.SCHEMA);
        assertThat(struct.get("precise")).isEqualTo(Date.from(Instant.parse("2026-03-02T06:00:00.123Z")));
        assertThat(struct.get("price")).isEqualTo(new BigDecimal("1234.56"));
        assertThat(struct.schema().field("price").schema().parameters())
                .containsEntry(Decimal.SCALE_FIELD, "2").containsEntry("connect.decimal.precision", "9");
        assertThat(struct.get("weight")).isEqualTo(new BigDecimal("12.345"));
        assertThat(struct.getBytes("blob")).containsExactly(1, 2, 3);
        assertThat(struct.getBytes("code")).containsExactly(9, 8);
        assertThat(struct.get("share")).isEqualTo(0.5f);
        assertThat(struct.getMap("counts")).containsExactly(Map.entry("good", 40L));
    }

    @Test
    void shouldReadAWorkOrderWrittenByThePlatformSerializer() {
        Struct struct = (Struct) converter.toConnectData(TOPIC, write(workOrder())).value();

        assertWorkOrder(struct);
    }

    @Test
    void shouldReadAWorkOrderIntoItsGeneratedClassWhenConfiguredTo() {
        // Generated classes hold Instants and Java enums where GenericRecords hold longs and symbols.
        try (TaktAvroConverter specific = new TaktAvroConverter(registry)) {
            specific.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

            assertWorkOrder((Struct) specific.toConnectData(TOPIC, write(workOrder())).value());
        }
    }

    @Test
    void shouldReadAnAvroValueThatIsNoRecord() {
        GenericData.EnumSymbol running = new GenericData.EnumSymbol(SAMPLE.getField("status").schema(), "RUNNING");
        byte[] bytes;
        try (AvroSerializer<Object> serializer = new AvroSerializer<>(registry)) {
            bytes = serializer.serialize(TOPIC, running);
        }

        assertThat(converter.toConnectData(TOPIC, bytes)).isEqualTo(new SchemaAndValue(Schema.STRING_SCHEMA, "RUNNING"));
    }

    @Test
    void shouldReadNullAsNull() {
        assertThat(converter.toConnectData(TOPIC, null)).isSameAs(SchemaAndValue.NULL);
    }

    @Test
    void shouldFailNamingTheTopicWhenThePayloadIsNotConfluentAvro() {
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, "{\"a\":1}".getBytes()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("magic byte");
    }

    @Test
    void shouldFailNamingTheTopicWhenTheSchemaIdIsUnknown() {
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {0, 0, 0, 0, 42, 2, 'x'}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("schema id 42");
    }

    @Test
    void shouldFailNamingTheFieldOfAUnionConnectCannotExpress() {
        org.apache.avro.Schema choice = new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "Choice", "fields": [{"name": "either", "type": ["int", "string"]}]}
                """);
        byte[] bytes = generic.serializer().serialize(TOPIC, new GenericRecordBuilder(choice).set("either", 1).build());

        assertThatThrownBy(() -> converter.toConnectData(TOPIC, bytes))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("Field 'Choice.either'")
                .hasMessageContaining("unions other than null|T are not supported");
    }

    @Test
    void shouldBuildEachSchemaOnce() {
        Schema first = converter.toConnectData(TOPIC, write(sample("a", null))).schema();
        Schema second = converter.toConnectData(TOPIC, write(sample(null, CREATED))).schema();

        assertThat(second).isSameAs(first);
    }

    @Test
    void shouldReadBackWhatItWrote() {
        SchemaAndValue sample = converter.toConnectData(TOPIC, write(sample("set", CREATED)));
        SchemaAndValue more = converter.toConnectData(TOPIC, write(new GenericRecordBuilder(MORE)
                .set("day", 1).set("timeOfDay", 2).set("precise", 3_000L)
                .set("price", ByteBuffer.wrap(new byte[] {4}))
                .set("weight", new GenericData.Fixed(MORE.getField("weight").schema(), new byte[8]))
                .set("blob", ByteBuffer.wrap(new byte[] {5})).set("code", new GenericData.Fixed(
                        MORE.getField("code").schema(), new byte[2]))
                .set("share", 6f).set("counts", Map.of("k", 7L)).build()));

        for (SchemaAndValue original : List.of(sample, more)) {
            byte[] written = converter.fromConnectData(TOPIC, original.schema(), original.value());

            assertThat(converter.toConnectData(TOPIC, written)).isEqualTo(original);
        }
    }

    @Test
    void shouldWriteNullAsNull() {
        assertThat(converter.fromConnectData(TOPIC, Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
    }

    @Test
    void shouldBeFoundByConnectsServiceLoader() {
        assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
                .contains(TaktAvroConverter.class);
    }

    private static GenericRecord sample(String note, Instant closedAt) {
        return new GenericRecordBuilder(SAMPLE)
                .set("name", "press-1")
                .set("note", note)
                .set("count", 7)
                .set("total", 9_000_000_000L)
                .set("ratio", 0.85)
                .set("active", true)
                .set("status", new GenericData.EnumSymbol(SAMPLE.getField("status").schema(), "RUNNING"))
                .set("createdAt", CREATED.toEpochMilli())
                .set("closedAt", closedAt == null ? null : closedAt.toEpochMilli())
                .set("amount", new GenericRecordBuilder(SAMPLE.getField("amount").schema())
                        .set("value", 12.5).set("uom", "KGM").build())
                .set("tags", List.of("hot", "line-1"))
                .build();
    }

    private static WorkOrder workOrder() {
        return WorkOrder.newBuilder()
                .setWorkOrderId("1000123")
                .setProductId("MAT-4711")
                .setPlannedQuantity(new Quantity(400.0, "H87"))
                .setStatus(WorkOrderStatus.RELEASED)
                .setEquipmentId("site1.area1.line1.press")
                .setPlannedStart(CREATED)
                .setIdealCycleTimes(List.of(IdealCycleTime.newBuilder().setEquipmentId("site1.area1.line1.press")
                        .setProductId("MAT-4711").setMillisPerUnit(500.0).build()))
                .setLastChangedAt(CREATED.plusSeconds(5))
                .build();
    }

    private static void assertWorkOrder(Struct struct) {
        assertThat(struct.schema().name()).isEqualTo("io.takt.schemas.WorkOrder");
        assertThat(struct.get("workOrderId")).isEqualTo("1000123");
        assertThat(struct.get("description")).isNull();
        assertThat(struct.getStruct("plannedQuantity").get("value")).isEqualTo(400.0);
        assertThat(struct.getStruct("plannedQuantity").get("uom")).isEqualTo("H87");
        assertThat(struct.get("status")).isEqualTo("RELEASED");
        assertThat(struct.get("equipmentId")).isEqualTo("site1.area1.line1.press");
        assertThat(struct.get("plannedStart")).isEqualTo(Date.from(CREATED));
        assertThat(struct.get("plannedEnd")).isNull();
        assertThat(struct.get("lastChangedAt")).isEqualTo(Date.from(CREATED.plusSeconds(5)));
        Struct cycleTime = (Struct) struct.getArray("idealCycleTimes").get(0);
        assertThat(cycleTime.get("productId")).isEqualTo("MAT-4711");
        assertThat(cycleTime.get("millisPerUnit")).isEqualTo(500.0);
    }

    /** Through the platform's serializer of generated classes, as the erp-connector writes work orders. */
    private byte[] write(WorkOrder order) {
        try (AvroSerde<WorkOrder> serde = TaktSerdes.specific(WorkOrder.class, registry, false)) {
            return serde.serializer().serialize(TOPIC, order);
        }
    }

    private byte[] write(GenericRecord record) {
        return generic.serializer().serialize(TOPIC, record);
    }

    private Struct read(GenericRecord record) {
        return (Struct) converter.toConnectData(TOPIC, write(record)).value();
    }
}
