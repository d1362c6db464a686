package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.compat.CompatibilityLevel;

class RegistrySettingsTest {

    @Test
    void shouldTakeConfluentsDefaultsForAbsentKeys() {
        // Given only the bootstrap servers
        // When settings are read from properties
        RegistrySettings settings = RegistrySettings.fromProperties(
                Map.of(RegistrySettings.BOOTSTRAP_SERVERS, "kafka-1:9092"));

        // Then port 8081, topic _schemas and BACKWARD apply
        assertThat(settings).isEqualTo(new RegistrySettings("kafka-1:9092", "0.0.0.0", 8081, "_schemas", (short) 3,
                CompatibilityLevel.BACKWARD, Duration.ofSeconds(30)));
    }

    @Test
    void shouldReadEveryKeyIncludingALowerCaseLevel() {
        // Given every key set
        Map<String, String> props = Map.of(RegistrySettings.BOOTSTRAP_SERVERS, "kafka-1:9092",
                RegistrySettings.HOST, "127.0.0.1", RegistrySettings.PORT, "0", RegistrySettings.TOPIC, "_takt_schemas",
                RegistrySettings.REPLICATION_FACTOR, "1", RegistrySettings.DEFAULT_COMPATIBILITY, "full_transitive",
                RegistrySettings.STORE_TIMEOUT_MS, "5000");

        // When settings are read
        // Then each is taken
        assertThat(RegistrySettings.fromProperties(props)).isEqualTo(new RegistrySettings("kafka-1:9092", "127.0.0.1",
                0, "_takt_schemas", (short) 1, CompatibilityLevel.FULL_TRANSITIVE, Duration.ofSeconds(5)));
    }

    @Test
    void shouldFailStartUpNamingTheKeyAndWhatItAccepts() {
        // Given a bad level, a bad port and no bootstrap servers
        // When settings are read
        // Then each failure names its key
        assertThatThrownBy(() -> RegistrySettings.fromProperties(Map.of(RegistrySettings.BOOTSTRAP_SERVERS, "k:9092",
                RegistrySettings.DEFAULT_COMPATIBILITY, "SIDEWAYS")))
                .hasMessageContaining(RegistrySettings.DEFAULT_COMPATIBILITY).hasMessageContaining("FULL_TRANSITIVE");
        assertThatThrownBy(() -> RegistrySettings.fromProperties(Map.of(RegistrySettings.BOOTSTRAP_SERVERS, "k:9092",
                RegistrySettings.PORT, "80800")))
                .hasMessageContaining(RegistrySettings.PORT);
        assertThatThrownBy(() -> RegistrySettings.fromProperties(Map.of()))
                .hasMessageContaining(RegistrySettings.BOOTSTRAP_SERVERS);
    }
}
