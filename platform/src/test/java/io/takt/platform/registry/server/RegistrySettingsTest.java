package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigSources;
import io.takt.schemas.compat.CompatibilityLevel;

class RegistrySettingsTest {

    private static RegistrySettings settings(Map<String, String> environment, Map<String, String> overrides) {
        var sources = ConfigSources.builder().environment(environment).overrides(overrides).build();
        return RegistrySettings.from(RegistrySettings.DEFINITION.validate(sources));
    }

    @Test
    void shouldTakeConfluentsDefaultsForAbsentKeys() {
        // Given only the bootstrap servers
        // When settings are read from config
        RegistrySettings settings = settings(Map.of(), Map.of("kafka.bootstrap.servers", "kafka-1:9092"));

        // Then port 8081, topic _schemas and BACKWARD apply
        assertThat(settings).isEqualTo(new RegistrySettings("kafka-1:9092", "0.0.0.0", 8081, "_schemas", (short) 3,
                CompatibilityLevel.BACKWARD, Duration.ofSeconds(30)));
    }

    @Test
    void shouldReadEveryKeyIncludingALowerCaseLevelFromTheEnvironment() {
        // Given every key set, the level in lower case as people type it
        Map<String, String> env = Map.of("TAKT_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092",
                "TAKT_REGISTRY_LISTEN_HOST", "127.0.0.1", "TAKT_REGISTRY_LISTEN_PORT", "0",
                "TAKT_REGISTRY_TOPIC", "_takt_schemas", "TAKT_REGISTRY_TOPIC_REPLICATION_FACTOR", "1",
                "TAKT_REGISTRY_COMPATIBILITY_DEFAULT", "full_transitive", "TAKT_REGISTRY_STORE_TIMEOUT", "5s");

        // When settings are read
        // Then each is taken
        assertThat(settings(env, Map.of())).isEqualTo(new RegistrySettings("kafka-1:9092", "127.0.0.1",
                0, "_takt_schemas", (short) 1, CompatibilityLevel.FULL_TRANSITIVE, Duration.ofSeconds(5)));
    }

    @Test
    void shouldFailStartUpNamingTheKeyAndWhatItAccepts() {
        // Given a bad level and a bad port
        // When settings are read
        // Then the failure names both keys and what the level accepts
        assertThatThrownBy(() -> settings(Map.of(),
                Map.of("registry.compatibility.default", "SIDEWAYS", "registry.listen.port", "80800")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.compatibility.default").hasMessageContaining("full-transitive")
                .hasMessageContaining("registry.listen.port");
    }

    @Test
    void shouldRefuseABlankBootstrapListInCode() {
        assertThatThrownBy(() -> new RegistrySettings(" ", "localhost", 0, "_schemas", (short) 1,
                CompatibilityLevel.BACKWARD, Duration.ofSeconds(1)))
                .hasMessageContaining("kafka.bootstrap.servers");
    }
}
