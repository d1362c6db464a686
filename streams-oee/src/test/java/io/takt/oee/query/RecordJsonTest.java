package io.takt.oee.query;

import static io.takt.oee.query.PlantRecords.kpi;
import static io.takt.oee.query.PlantRecords.machine;
import static io.takt.oee.query.PlantRecords.stop;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.MachineState;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;

class RecordJsonTest {

    @Test
    void shouldRenderUnionsAsThePlainValueOrNull() {
        // Given a stop with a reason code and an end, and one with neither
        DowntimeEvent ended = stop(machine("assembly", "line2", "press3"), MachineState.FAULT, "JAM",
                "2026-11-25T06:10:00Z", Duration.ofMinutes(5));
        DowntimeEvent open = DowntimeEvent.newBuilder(ended).setReasonCode(null).setEnd(null).build();

        // When rendered
        ObjectNode endedJson = RecordJson.render(ended);
        ObjectNode openJson = RecordJson.render(open);

        // Then a union is its value, not {"string": "JAM"}, and absent values are JSON null
        assertThat(endedJson.get("reasonCode").isTextual()).isTrue();
        assertThat(endedJson.get("reasonCode").asText()).isEqualTo("JAM");
        // 06:10 + 5 min = 06:15
        assertThat(endedJson.get("end").asText()).isEqualTo("2026-11-25T06:15:00Z");
        assertThat(openJson.get("reasonCode").isNull()).isTrue();
        assertThat(openJson.get("end").isNull()).isTrue();
    }

    @Test
    void shouldRenderTimestampsAsIsoInstantsEnumsByNameAndNestedRecordsAsObjects() {
        // Given a stop of press3 in FAULT from 06:10:00.250
        DowntimeEvent stop = stop(machine("assembly", "line2", "press3"), MachineState.FAULT, null,
                "2026-11-25T06:10:00.250Z", Duration.ofSeconds(90));

        // When rendered
        ObjectNode json = RecordJson.render(stop);

        // Then the timestamp is ISO-8601, the enum its name, the EquipmentRef a plain object, numbers numbers
        assertThat(json.get("start").asText()).isEqualTo("2026-11-25T06:10:00.250Z");
        assertThat(json.get("state").asText()).isEqualTo("FAULT");
        assertThat(json.get("equipment").get("id").asText()).isEqualTo("site1.assembly.line2.press3");
        assertThat(json.get("equipment").get("workCell").isNull()).isTrue();
        // 90 s = 90,000 ms, shorter than the 2 min threshold the fixture uses
        assertThat(json.get("durationMillis").asLong()).isEqualTo(90_000L);
        assertThat(json.get("minorStop").asBoolean()).isTrue();
    }

    @Test
    void shouldKeepTheSchemasFieldNamesInOrder() {
        // Given an hour KPI of press3
        OeeKpi kpi = kpi("site1.assembly.line2.press3", EquipmentLevel.MACHINE, WindowKind.HOUR,
                "2026-11-25T06:00:00Z", Duration.ofHours(1), 2_700_000L);

        // When rendered
        ObjectNode json = RecordJson.render(kpi);

        // Then every schema field is there, in schema order
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(
                OeeKpi.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
        // And A = APT / PBT = 2,700,000 / 3,600,000 = 0.75, a null union stays null
        assertThat(json.get("availability").asDouble()).isEqualTo(0.75);
        assertThat(json.get("oee").isNull()).isTrue();
        assertThat(json.get("windowEnd").asText()).isEqualTo("2026-11-25T07:00:00Z");
    }

    @Test
    void shouldRenderGenericRecordsWhoseTimestampsAreLongs() {
        // Given a generic record (no Instant conversion) with a timestamp union, an enum and a NaN
        Schema millis = org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        Schema schema = SchemaBuilder.record("Probe").fields()
                .name("at").type(millis).noDefault()
                .name("maybeAt").type().unionOf().nullType().and().type(millis).endUnion().nullDefault()
                .name("state").type().enumeration("Light").symbols("GREEN", "RED").noDefault()
                .name("ratio").type().doubleType().noDefault()
                .endRecord();
        GenericRecord probe = new GenericData.Record(schema);
        probe.put("at", 0L);
        probe.put("maybeAt", 1_000L);
        probe.put("state", new GenericData.EnumSymbol(schema.getField("state").schema(), "RED"));
        probe.put("ratio", Double.NaN);

        // When rendered
        ObjectNode json = RecordJson.render(probe);

        // Then 0 ms is the epoch, 1,000 ms one second after it, the enum its symbol, NaN null (not JSON)
        assertThat(json.get("at").asText()).isEqualTo(Instant.EPOCH.toString());
        assertThat(json.get("maybeAt").asText()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(json.get("state").asText()).isEqualTo("RED");
        assertThat(json.get("ratio").isNull()).isTrue();
    }
}
