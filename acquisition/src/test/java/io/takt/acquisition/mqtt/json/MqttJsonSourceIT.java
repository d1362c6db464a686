package io.takt.acquisition.mqtt.json;

import io.takt.acquisition.mqtt.EmbeddedMqttBroker;
import io.takt.acquisition.mqtt.MqttObserver;
import io.takt.acquisition.mqtt.RecordingListener;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A JSON source reading plain JSON topics through an in-process Moquette broker over TCP. */
@Timeout(60)
class MqttJsonSourceIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedMqttBroker broker = new EmbeddedMqttBroker();

    private final RecordingListener listener = new RecordingListener();
    private MqttJsonSource source;
    private MqttObserver machine;

    @BeforeEach
    void start() throws Exception {
        // Two mappings on the same topics: state (with the machine's own clock) and count (receive time)
        Map<String, Object> connection = Map.of("host", "127.0.0.1", "port", broker.port(),
                "reconnect-initial-delay", "100ms", "reconnect-max-delay", "500ms",
                "mappings", List.of(
                        Map.of("topic", "plant1/+/+/status", "value", "/state", "timestamp", "/ts",
                                "address", "{1}/{2}/State"),
                        Map.of("topic", "plant1/+/+/status", "value", "/counters/good",
                                "address", "{1}/{2}/GoodCount")));
        source = new MqttJsonSource(MqttJsonSettings.fromConnection("json-plant1", connection));
        source.start(listener);
        await().atMost(WAIT).until(() -> source.status().state() == ConnectionState.CONNECTED);
        machine = new MqttObserver(broker.port(), "press1");
    }

    @AfterEach
    void close() throws Exception {
        machine.close();
        source.close();
    }

    @Test
    void shouldMapEachMatchingMessageToOneSamplePerMapping() throws Exception {
        // When press1 on line1 reports RUNNING at 2025-03-01T06:00:00.250Z (1740808800250 ms) with 17 good parts
        Instant before = Instant.now();
        publish("plant1/line1/press1/status", "{\"state\":\"RUNNING\",\"ts\":1740808800250,\"counters\":{\"good\":17}}");
        // and a topic no mapping matches, and a message that is not JSON
        publish("plant1/line1/press1/alarm", "{\"state\":\"E-STOP\"}");
        publish("plant1/line1/press2/status", "not json");
        publish("plant1/line1/press2/status", "{\"state\":null,\"ts\":\"2025-03-01T06:00:01Z\",\"counters\":{}}");

        // Then
        await().atMost(WAIT).until(() -> listener.latest("line1/press2/State").isPresent());
        TagSample state = listener.latest("line1/press1/State").orElseThrow();
        assertThat(state.value()).isEqualTo("RUNNING");
        assertThat(state.sourceTime()).isEqualTo(Instant.parse("2025-03-01T06:00:00.250Z"));
        TagSample count = listener.latest("line1/press1/GoodCount").orElseThrow();
        assertThat(count.value()).isEqualTo(17L);
        assertThat(count.sourceTime()).isEqualTo(count.receiveTime()).isAfterOrEqualTo(before);
        // JSON null is NO_DATA at the message's time; press2 has no good counter, so no sample
        TagSample press2 = listener.latest("line1/press2/State").orElseThrow();
        assertThat(press2.quality()).isEqualTo(SampleQuality.NO_DATA);
        assertThat(press2.sourceTime()).isEqualTo(Instant.parse("2025-03-01T06:00:01Z"));
        assertThat(listener.samples()).extracting(TagSample::address)
                .containsExactly("line1/press1/State", "line1/press1/GoodCount", "line1/press2/State");
    }

    @Test
    void shouldReportNoDataWhileTheBrokerIsDownAndResumeAfterwards() throws Exception {
        // Given a value
        publish("plant1/line1/press1/status", "{\"state\":\"RUNNING\",\"ts\":1740808800250,\"counters\":{\"good\":1}}");
        await().atMost(WAIT).until(() -> listener.value("line1/press1/GoodCount") != null);

        // When the broker restarts
        broker.stop();
        await().atMost(WAIT).until(() -> listener.noData("line1/press1/State") && listener.noData("line1/press1/GoodCount"));
        broker.start();
        await().atMost(WAIT).until(() -> source.status().state() == ConnectionState.CONNECTED);

        // Then new messages arrive again (the source subscribed anew)
        try (MqttObserver again = new MqttObserver(broker.port(), "press1-again")) {
            again.publish("plant1/line1/press1/status",
                    "{\"state\":\"IDLE\",\"ts\":1740808801000,\"counters\":{\"good\":2}}".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(WAIT).until(() -> "IDLE".equals(listener.value("line1/press1/State")));
        assertThat(source.status().reconnects()).isEqualTo(1);
    }

    @Test
    void shouldStartWhileTheBrokerIsDownAndConnectOnceItIsUp() throws Exception {
        // Given the broker is down
        machine.close();
        source.close();
        broker.stop();
        RecordingListener early = new RecordingListener();
        MqttJsonSource waiting = new MqttJsonSource(MqttJsonSettings.fromConnection("json-early", Map.of(
                "host", "127.0.0.1", "port", broker.port(), "client-id", "json-early",
                "reconnect-initial-delay", "100ms", "reconnect-max-delay", "300ms",
                "mappings", List.of(Map.of("topic", "plant1/#", "value", "/state")))));
        try {
            // When the source starts, it returns at once and keeps trying
            waiting.start(early);
            await().atMost(WAIT).until(() -> early.states().contains(ConnectionState.DISCONNECTED));
            assertThat(waiting.status().lastError()).isNotNull();

            // Then, once the broker is up, it connects and acquires
            broker.start();
            await().atMost(WAIT).until(() -> waiting.status().state() == ConnectionState.CONNECTED);
            try (MqttObserver late = new MqttObserver(broker.port(), "press1-late")) {
                late.publish("plant1/line9/status", "{\"state\":\"SETUP\"}".getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(WAIT).until(() -> "SETUP".equals(early.value("plant1/line9/status")));
            assertThat(waiting.status().reconnects()).isZero();
        } finally {
            waiting.close();
        }
        assertThat(waiting.status().state()).isEqualTo(ConnectionState.CLOSED);
    }

    private void publish(String topic, String json) throws Exception {
        machine.publish(topic, json.getBytes(StandardCharsets.UTF_8));
    }
}
