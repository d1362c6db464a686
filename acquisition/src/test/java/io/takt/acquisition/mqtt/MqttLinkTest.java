package io.takt.acquisition.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MqttLinkTest {

    private final MqttLink link = new MqttLink("test", MqttConnectionSettings.of("127.0.0.1", 1883, "test")
            .withReconnectDelays(Duration.ofMillis(100), Duration.ofMillis(1000)), List.of(), MqttQos.AT_MOST_ONCE,
            new MqttLink.Handler() {
                @Override
                public void onConnected() {
                }

                @Override
                public void onMessage(String topic, byte[] payload) {
                }

                @Override
                public void onConnectionLost(String reason) {
                }
            });

    @Test
    void shouldDoubleTheReconnectDelayUpToTheMaximumWithAtMostOneFifthJitter() {
        // initial 100 ms: attempt 1 waits 100..120, attempt 2 200..240, attempt 3 400..480, attempt 4 800..960,
        // attempt 5 would be 1600 but the maximum is 1000, as is every later one (the jitter never exceeds it)
        assertThat(link.backoff(1).toMillis()).isBetween(100L, 120L);
        assertThat(link.backoff(2).toMillis()).isBetween(200L, 240L);
        assertThat(link.backoff(3).toMillis()).isBetween(400L, 480L);
        assertThat(link.backoff(4).toMillis()).isBetween(800L, 960L);
        assertThat(link.backoff(5).toMillis()).isEqualTo(1000L);
        assertThat(link.backoff(40).toMillis()).isEqualTo(1000L);
        assertThat(link.backoff(Integer.MAX_VALUE).toMillis()).isEqualTo(1000L);
    }
}
