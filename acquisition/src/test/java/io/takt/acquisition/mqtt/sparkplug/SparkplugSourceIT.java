package io.takt.acquisition.mqtt.sparkplug;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A Sparkplug source and a Sparkplug edge node talking through an in-process Moquette broker over TCP. */
@Timeout(60)
class SparkplugSourceIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    // The edge node stamps every metric with this instant: 2025-03-01T06:00:00.250Z = 1740808800250 ms.
    private static final Instant EDGE_TIME = Instant.parse("2025-03-01T06:00:00.250Z");
    private static final String STATE = "Plant1/Line1-Edge/Press1/State";
    private static final String GOOD_COUNT = "Plant1/Line1-Edge/Press1/GoodCount";
    private static final String TEMPERATURE = "Plant1/Line1-Edge/Press1/Temperature";
    private static final String SPEED = "Plant1/Line1-Edge/Line Speed";
    private static final String EDGE_CLIENT = "edge-line1";

    @RegisterExtension
    static final EmbeddedMqttBroker broker = new EmbeddedMqttBroker();

    private final RecordingListener listener = new RecordingListener();
    private SparkplugSource source;
    private SparkplugEdgeNode edge;

    @BeforeEach
    void startSourceThenEdgeNode() {
        source = new SparkplugSource(SparkplugSettings.of("sparkplug-line1", broker.connection("takt-gateway"))
                .withGroupIds(List.of("Plant1")));
        source.start(listener);
        // The source subscribes before the node is born, so it sees the first births.
        await().atMost(WAIT).until(() -> source.status().state() == ConnectionState.CONNECTED);
        edge = SparkplugEdgeNode.builder(broker.connection(EDGE_CLIENT), "Plant1", "Line1-Edge")
                .clock(Clock.fixed(EDGE_TIME, ZoneOffset.UTC))
                .nodeMetric("Line Speed", SparkplugDataType.FLOAT, 42.5)
                .deviceMetric("Press1", "State", SparkplugDataType.INT32, 1L)
                .deviceMetric("Press1", "GoodCount", SparkplugDataType.UINT64, 100L)
                .deviceMetric("Press1", "Temperature", SparkplugDataType.DOUBLE, 61.5)
                .build();
        edge.start();
    }

    @AfterEach
    void close() {
        edge.close();
        source.close();
    }

    @Test
    void shouldDeliverBirthValuesThenDataByAliasWithAddressesAndEdgeTimestamps() {
        // Given the births have arrived
        await().atMost(WAIT).until(() -> listener.value(TEMPERATURE) != null);
        assertThat(listener.value(SPEED)).isEqualTo(42.5);
        assertThat(listener.value(STATE)).isEqualTo(1L);
        assertThat(listener.value(GOOD_COUNT)).isEqualTo(100L);
        assertThat(listener.value("Plant1/Line1-Edge/bdSeq")).isEqualTo(0L);
        assertThat(listener.value("Plant1/Line1-Edge/Node Control/Rebirth")).isEqualTo(false);

        // When the press starts running and counts two good parts (sent by alias in one DDATA)
        edge.update("Press1", Map.of("State", 2L, "GoodCount", 102L));

        // Then
        await().atMost(WAIT).until(() -> Long.valueOf(102L).equals(listener.value(GOOD_COUNT)));
        TagSample state = listener.latest(STATE).orElseThrow();
        assertThat(state.value()).isEqualTo(2L);
        assertThat(state.quality()).isEqualTo(SampleQuality.GOOD);
        assertThat(state.sourceId()).isEqualTo("sparkplug-line1");
        assertThat(state.sourceTime()).isEqualTo(EDGE_TIME);
        assertThat(state.receiveTime()).isAfter(EDGE_TIME);
        assertThat(source.rebirthRequests()).isZero();
        assertThat(source.status().samples()).isEqualTo(listener.samples().size());
    }

    @Test
    void shouldReportNoDataOnDeviceDeathAndOnNodeDeath() {
        // Given
        await().atMost(WAIT).until(() -> listener.value(TEMPERATURE) != null);

        // When the press goes away
        edge.deviceDeath("Press1");

        // Then its three metrics are NO_DATA, the node's are not
        await().atMost(WAIT).until(() -> listener.noData(STATE) && listener.noData(GOOD_COUNT)
                && listener.noData(TEMPERATURE));
        assertThat(listener.value(SPEED)).isEqualTo(42.5);

        // When it comes back, then the whole node shuts down cleanly (NDEATH published by the node)
        edge.deviceBirth("Press1");
        await().atMost(WAIT).until(() -> listener.value(STATE) != null);
        edge.close();

        // Then everything is NO_DATA
        await().atMost(WAIT).until(() -> listener.noData(SPEED) && listener.noData(STATE));
        assertThat(source.rebirthRequests()).isZero();
    }

    @Test
    void shouldTakeTheWillNdeathWhenTheEdgeNodeDropsAndResumeWithItsNextSession() {
        // Given the node is born with bdSeq 0
        await().atMost(WAIT).until(() -> listener.value(TEMPERATURE) != null);
        listener.clear();

        // When the broker drops the node's connection, as a network fault would
        assertThat(broker.dropClient(EDGE_CLIENT)).isTrue();

        // Then the broker's will (NDEATH, bdSeq 0) makes everything NO_DATA, and the node, reconnected
        // with bdSeq 1, is born again and delivers values
        await().atMost(WAIT).until(() -> !listener.of(STATE).isEmpty() && listener.of(STATE).get(0).quality()
                == SampleQuality.NO_DATA);
        await().atMost(WAIT).until(() -> Long.valueOf(1L).equals(listener.value("Plant1/Line1-Edge/bdSeq")));
        await().atMost(WAIT).until(() -> Long.valueOf(1L).equals(listener.value(STATE)));
        assertThat(edge.bdSeq()).isEqualTo(1L);
    }

    @Test
    void shouldRequestRebirthOnASkippedSeqAndResumeAfterTheNewBirth() throws Exception {
        // Given the births have arrived and an observer watches the node's command topic
        await().atMost(WAIT).until(() -> listener.value(TEMPERATURE) != null);
        try (MqttObserver observer = new MqttObserver(broker.port(), "observer")
                .watch("spBv1.0/Plant1/NCMD/Line1-Edge")) {

            // When one message is lost on the way (the seq jumps) and the next DDATA says State=3
            edge.skipSequenceNumber();
            edge.update("Press1", "State", 3L);

            // Then the host asked for a rebirth with Node Control/Rebirth = true
            await().atMost(WAIT).until(() -> !observer.received().isEmpty());
            SparkplugPayload request = SparkplugCodec.decode(observer.received().get(0).getValue());
            assertThat(request.metric("Node Control/Rebirth").orElseThrow().value())
                    .isEqualTo(MetricValue.ofBoolean(true));
        }
        // and reported the gap as NO_DATA for the whole node, then the node was born again (2 births) and
        // the new DBIRTH carries State=3
        await().atMost(WAIT).until(() -> edge.births() == 2 && Long.valueOf(3L).equals(listener.value(STATE)));
        assertThat(listener.of(STATE)).extracting(TagSample::value).containsExactly(1L, null, 3L);
        assertThat(listener.of(SPEED)).extracting(TagSample::quality)
                .containsExactly(SampleQuality.GOOD, SampleQuality.NO_DATA, SampleQuality.GOOD);
        assertThat(source.rebirthRequests()).isEqualTo(1);

        // When data follows the rebirth, then it is accepted again
        edge.update("Press1", "GoodCount", 101L);
        await().atMost(WAIT).until(() -> Long.valueOf(101L).equals(listener.value(GOOD_COUNT)));
    }

    @Test
    void shouldReportNoDataWhileTheBrokerIsDownAndRecoverAfterItsRestart() {
        // Given
        await().atMost(WAIT).until(() -> listener.value(TEMPERATURE) != null);

        // When the broker stops
        broker.stop();

        // Then every metric is NO_DATA and the source says it is disconnected
        await().atMost(WAIT).until(() -> listener.noData(SPEED) && listener.noData(STATE)
                && listener.noData(GOOD_COUNT) && listener.noData(TEMPERATURE));
        await().atMost(WAIT).until(() -> source.status().state() != ConnectionState.CONNECTED);
        assertThat(listener.states()).contains(ConnectionState.DISCONNECTED);

        // When it is back on the same port
        broker.start();

        // Then both sides reconnect, the node is born again and values return
        await().atMost(WAIT).until(() -> listener.value(STATE) != null && listener.value(SPEED) != null);
        assertThat(listener.value(STATE)).isEqualTo(1L);
        assertThat(source.status().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(source.status().reconnects()).isEqualTo(1);
    }

    @Test
    void shouldAnnounceItselfAsPrimaryHostWhenConfigured() throws Exception {
        // Given a second source configured as primary host "takt"
        SparkplugSource primary = new SparkplugSource(SparkplugSettings.of("primary",
                broker.connection("takt-primary")).withPrimaryHostId("takt"));
        try (MqttObserver observer = new MqttObserver(broker.port(), "state-observer").watch("spBv1.0/STATE/+")) {
            // When
            primary.start(new RecordingListener());

            // Then a STATE message says it is online
            await().atMost(WAIT).until(() -> observer.received().stream()
                    .anyMatch(m -> new String(m.getValue(), StandardCharsets.UTF_8).startsWith("{\"online\":true")));
            assertThat(observer.received().get(0).getKey()).isEqualTo("spBv1.0/STATE/takt");

            // When it closes, then it says it is offline
            primary.close();
            await().atMost(WAIT).until(() -> observer.received().stream()
                    .anyMatch(m -> new String(m.getValue(), StandardCharsets.UTF_8).startsWith("{\"online\":false")));
        } finally {
            primary.close();
        }
    }
}
