package io.takt.acquisition.mqtt.sparkplug;

import io.takt.platform.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkplugSettingsTest {

    @Test
    void shouldReadAConnectionMapWithDefaults() {
        // When
        SparkplugSettings settings = SparkplugSettings.fromConnection("sparkplug-plant1",
                Map.of("host", "mqtt.plant1.local", "group-ids", List.of("Plant1", "Plant1-Utilities")));

        // Then
        assertThat(settings.connection().host()).isEqualTo("mqtt.plant1.local");
        assertThat(settings.connection().port()).isEqualTo(1883);
        assertThat(settings.connection().clientId()).isEqualTo("takt-sparkplug-plant1");
        assertThat(settings.connection().tls()).isFalse();
        assertThat(settings.connection().reconnectInitialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.topicFilters()).containsExactly("spBv1.0/Plant1/#", "spBv1.0/Plant1-Utilities/#");
        assertThat(settings.primaryHostId()).isNull();
        assertThat(settings.rebirthRetry()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldSubscribeToEveryGroupWhenNoneIsNamed() {
        assertThat(SparkplugSettings.fromConnection("sp", Map.of()).topicFilters()).containsExactly("spBv1.0/#");
    }

    @Test
    void shouldReadCredentialsTlsAndDurations() {
        SparkplugSettings settings = SparkplugSettings.fromConnection("sp", Map.of("username", "takt",
                "password", "s3cret", "tls", true, "port", 8883, "reconnect-max-delay", "1m",
                "primary-host-id", "takt-gateway", "rebirth-retry", "10s", "client-id", "gw-1"));
        assertThat(settings.connection().username()).isEqualTo("takt");
        assertThat(settings.connection().password().value()).isEqualTo("s3cret");
        assertThat(settings.connection().tls()).isTrue();
        assertThat(settings.connection().reconnectMaxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.connection().clientId()).isEqualTo("gw-1");
        assertThat(settings.connection()).hasToString("mqtts://takt@localhost:8883 as gw-1");
        assertThat(settings.primaryHostId()).isEqualTo("takt-gateway");
        assertThat(settings.rebirthRetry()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldNameEveryBadKeyAndNeverShowThePassword() {
        // Given a wildcard in a group id, a password without user, backoff upside down and a typo
        Map<String, Object> connection = Map.of("group-ids", "Plant1,Plant/2", "password", "s3cret",
                "reconnect-initial-delay", "10s", "reconnect-max-delay", "1s", "tsl", true);

        // When / Then
        assertThatThrownBy(() -> SparkplugSettings.fromConnection("sp", connection))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
                .hasMessageContaining("'group-ids'")
                .hasMessageContaining("'password' needs 'username'")
                .hasMessageContaining("'reconnect-max-delay' must not be below 'reconnect-initial-delay'")
                .hasMessageContaining("unknown connection key 'tsl'")
                .hasMessageNotContaining("s3cret");
    }
}
