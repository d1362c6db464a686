package io.takt.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class EventContractsTest {

    @Test
    void shouldListEveryTopLevelEventOnceByRecordName() {
        // Given the topic catalogue's value types (ARCHITECTURE.md), shared building blocks excluded
        // When
        Map<String, Schema> schemas = EventContracts.schemas();
        // Then
        assertThat(schemas).containsOnlyKeys("MachineStateChanged", "ProductionCount", "MaterialMovement",
                "QualityResult", "WorkOrder", "ShiftCalendar", "OeeKpi", "DowntimeEvent", "GenealogyEdge", "MaterialLot", "Confirmation");
        schemas.forEach((name, schema) -> {
            assertThat(schema.getName()).isEqualTo(name);
            assertThat(schema.getNamespace()).isEqualTo("io.takt.schemas");
        });
        assertThat(EventContracts.types()).hasSize(schemas.size());
    }

    @Test
    void shouldHaveASampleForEveryContract() {
        // Given / When
        var sampled = SampleEvents.all().stream().map(record -> record.getSchema().getName()).toList();
        // Then: a contract added to EventContracts gets a sample, so the round trip below covers it
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventContracts.schemas().keySet());
    }

    @Test
    void shouldRoundTripEveryContractThroughAvroBinaryIncludingTimestamps() throws IOException {
        for (SpecificRecordBase sample : SampleEvents.all()) {
            // Given a fully populated event
            // When it is written and read back with its own schema
            SpecificRecordBase copy = roundTrip(sample);
            // Then it is equal, Instants and nested records included
            assertThat(copy).as(sample.getSchema().getName()).isEqualTo(sample);
        }
    }

    @Test
    void shouldReadOptionalFieldsAsNullWhenLeftUnset() throws IOException {
        // Given a stop that is still open: end not set
        DowntimeEvent open = SampleEvents.downtimeEvent();
        // When
        DowntimeEvent copy = roundTrip(open);
        // Then
        assertThat(copy.getEnd()).isNull();
        assertThat(copy.getMinorStop()).isFalse();
    }

    @Test
    void shouldDefaultIdealCycleTimesToEmptyAndImplausibleToFalse() {
        // Given / When builders relying on the schema defaults
        WorkOrder order = WorkOrder.newBuilder(SampleEvents.workOrder()).clearIdealCycleTimes().build();
        OeeKpi kpi = OeeKpi.newBuilder(SampleEvents.oeeKpi()).clearPerformanceImplausible().build();
        // Then
        assertThat(order.getIdealCycleTimes()).isEmpty();
        assertThat(kpi.getPerformanceImplausible()).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecordBase> T roundTrip(T record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
        encoder.flush();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
        return new SpecificDatumReader<T>((Class<T>) record.getClass()).read(null, decoder);
    }
}
