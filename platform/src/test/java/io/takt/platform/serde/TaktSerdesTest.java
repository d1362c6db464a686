package io.takt.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TaktSerdesTest {

    private static final String TOPIC = "takt.plant1.part-count.v1";

    @Test
    void shouldRefuseAConfigThatNamesNoRegistry() {
        // Given a config without schema.registry.url
        Map<String, Object> config = Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);

        // When / Then: the failure is at start-up and names the missing key
        assertThatThrownBy(() -> TaktSerdes.specific(PartCount.class, config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRefuseAConfigValueOfTheWrongType() {
        // Given
        Map<String, Object> config = Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "sometimes");

        // When / Then
        assertThatThrownBy(() -> TaktSerdes.generic(config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas")
                .hasMessageContaining("sometimes");
    }

    @Test
    void shouldPassTheConfigToTheSerializerInsideTheSerde() {
        // Given a serde on an empty registry, configured not to register schemas
        var serde = new AvroSerde<>(PartCount.class, new InMemorySchemaRegistry());
        serde.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        // When / Then
        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, new PartCount("press-1", 1, 0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject 'takt.plant1.part-count.v1-value'");
    }

    @Test
    void shouldReadBackWhatItWroteThroughOneSerde() {
        // Given
        var registry = new InMemorySchemaRegistry();
        try (var serde = TaktSerdes.specific(PartCount.class, registry, true)) {

            // When a key is written and read back
            byte[] bytes = serde.serializer().serialize(TOPIC, new PartCount("press-1", 8, 1));
            PartCount read = serde.deserializer().deserialize(TOPIC, bytes);

            // Then
            assertThat(read).isEqualTo(new PartCount("press-1", 8, 1));
            assertThat(registry.subjects()).containsExactly("takt.plant1.part-count.v1-key");
        }
    }
}
