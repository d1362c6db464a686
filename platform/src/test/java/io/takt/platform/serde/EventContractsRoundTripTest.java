package io.takt.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import io.takt.schemas.EventContracts;
import io.takt.schemas.SampleEvents;

/** Every event contract survives the trip through the Confluent-format serdes unchanged. */
class EventContractsRoundTripTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);

    @Test
    void shouldHaveASampleForEveryContract() {
        // A new contract without a sample would silently escape the round trip below.
        List<Class<?>> sampled = SampleEvents.all().stream().<Class<?>>map(Object::getClass).toList();

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventContracts.types());
    }

    @Test
    void shouldRoundTripEverySchemaThroughTheSerdes() {
        for (SpecificRecordBase sample : SampleEvents.all()) {
            // Given a realistic instance of the contract and its topic
            String topic = "takt.site1." + sample.getSchema().getName() + ".v1";
            @SuppressWarnings("unchecked")
            Class<SpecificRecordBase> type = (Class<SpecificRecordBase>) sample.getClass();

            // When it is serialized and read back into its class
            byte[] bytes = new AvroSerializer<SpecificRecordBase>(registry).serialize(topic, sample);
            SpecificRecordBase back = new AvroDeserializer<>(type, registry).deserialize(topic, bytes);

            // Then it is equal field for field, framed as Confluent wire format under <topic>-value
            assertThat(back).as(type.getSimpleName()).isEqualTo(sample);
            assertThat(bytes[0]).isZero();
            assertThat(registry.idOf(topic + "-value", sample.getSchema()))
                    .isEqualTo(ConfluentWireFormat.unframe(bytes).schemaId());
        }
    }
}
