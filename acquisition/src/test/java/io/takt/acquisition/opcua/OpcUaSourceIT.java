package io.takt.acquisition.opcua;

import static io.takt.acquisition.opcua.PlantTestServer.ALARM;
import static io.takt.acquisition.opcua.PlantTestServer.COUNT;
import static io.takt.acquisition.opcua.PlantTestServer.ENERGY;
import static io.takt.acquisition.opcua.PlantTestServer.RECIPE;
import static io.takt.acquisition.opcua.PlantTestServer.RUNNING;
import static io.takt.acquisition.opcua.PlantTestServer.STATE;
import static io.takt.acquisition.opcua.PlantTestServer.TEMPERATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;

import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.subscriptions.SubscriptionFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The OPC UA source against a real in-process Milo server over TCP: values, timestamps, a server restart. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpcUaSourceIT {

    private static final Instant START = Instant.parse("2025-01-01T06:00:00Z");

    @TempDir
    Path tmp;

    private PlantTestServer server;
    private OpcUaSource source;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startServer() throws Exception {
        server = PlantTestServer.create(tmp.resolve("server-pki")).start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    @Test
    void shouldDeliverSubscribedValuesNormalisedWithTheirSourceTimestamps() {
        // Given a source subscribed to seven variables of different OPC UA types (anonymous, policy None opted in)
        source = new OpcUaSource(TestPki.settings("opcua-press1", server, tmp.resolve("gateway-pki")).insecure()
                .tags(List.of(tag(STATE), tag(COUNT), tag(TEMPERATURE), tag(RUNNING), tag(RECIPE), tag(ALARM),
                        tag(ENERGY)))
                .build());

        // When it starts
        source.start(listener);

        // Then every tag's initial value arrives, normalised, stamped with the server's source time
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.samples().size() >= 7);
        assertThat(first(STATE)).isEqualTo(good(STATE, 0L, START));
        assertThat(first(COUNT)).isEqualTo(good(COUNT, 0L, START));
        assertThat(first(TEMPERATURE)).isEqualTo(good(TEMPERATURE, 21.5, START));
        assertThat(first(RUNNING)).isEqualTo(good(RUNNING, false, START));
        assertThat(first(RECIPE)).isEqualTo(good(RECIPE, "R-100", START));
        assertThat(first(ALARM)).isEqualTo(good(ALARM, "none", START));
        assertThat(first(ENERGY)).isEqualTo(good(ENERGY, 0L, START));
        assertThat(source.status().state()).isEqualTo(ConnectionState.CONNECTED);

        // When the PLC changes them
        Instant changed = Instant.parse("2025-03-01T08:15:30.250Z");
        server.set(STATE, 3, changed);
        server.set(COUNT, uint(4_000_000_000L), changed);   // beyond Int32: must stay exact as a Long
        server.set(TEMPERATURE, 0.1f, changed);              // a Float: arrives as the decimal 0.1
        server.set(RUNNING, true, changed);
        server.set(ALARM, org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText.english("Door open"), changed);
        server.set(ENERGY, ulong(12_345_678_901L), changed);

        // Then each change arrives with the PLC's timestamp, not the receive time
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(last(STATE)).contains(good(STATE, 3L, changed));
            assertThat(last(COUNT)).contains(good(COUNT, 4_000_000_000L, changed));
            assertThat(last(TEMPERATURE)).contains(good(TEMPERATURE, 0.1, changed));
            assertThat(last(RUNNING)).contains(good(RUNNING, true, changed));
            assertThat(last(ALARM)).contains(good(ALARM, "Door open", changed));
            assertThat(last(ENERGY)).contains(good(ENERGY, 12_345_678_901L, changed));
        });
        // and the receive time is the gateway's clock, after the source time
        assertThat(listener.last(nodeId(STATE)).orElseThrow().receiveTime()).isAfter(changed);
    }

    @Test
    void shouldReportServerRestartAsNoDataAndRecoverByItself() throws Exception {
        // Given a source connected over Basic256Sha256/SignAndEncrypt that has the first values
        TestPki.serverTrustsGateway(server, tmp.resolve("gateway-pki"));
        TestPki.gatewayTrustsServer(server, tmp.resolve("gateway-pki"));
        source = new OpcUaSource(TestPki.settings("opcua-press1", server, tmp.resolve("gateway-pki"))
                .security(OpcUaSecurityPolicy.BASIC256SHA256, MessageSecurity.SIGN_AND_ENCRYPT)
                .tags(List.of(tag(STATE), tag(RUNNING)))
                .build());
        source.start(listener);
        await().atMost(Duration.ofSeconds(20)).until(() -> last(STATE).isPresent()
                && last(RUNNING).isPresent());

        // When the server goes away
        Instant beforeStop = Instant.now();
        server.stop();

        // Then each tag gets exactly one NO_DATA sample, stamped at the loss, and the link is DISCONNECTED
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(last(STATE).orElseThrow().quality()).isEqualTo(SampleQuality.NO_DATA);
            assertThat(last(RUNNING).orElseThrow().quality()).isEqualTo(SampleQuality.NO_DATA);
        });
        Instant lossTime = last(STATE).orElseThrow().sourceTime();
        assertThat(lossTime).isAfterOrEqualTo(beforeStop);
        // and it stays so for the seconds the server is down: no false recovery, no second NO_DATA
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> source.status().state() == ConnectionState.DISCONNECTED);

        // When the machine changed while the server was down, and the server comes back on the same port
        Instant whileDown = Instant.parse("2025-03-01T09:00:00Z");
        server.set(STATE, 2, whileDown);
        Instant restarted = Instant.now();
        server.start();

        // Then the source reconnects by itself, re-creates the subscription and delivers fresh values
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(last(STATE)).contains(good(STATE, 2L, whileDown));
            assertThat(last(RUNNING).orElseThrow().quality()).isEqualTo(SampleQuality.GOOD);
        });
        // in the order value, NO_DATA, value for each tag
        assertThat(listener.qualitiesOf(nodeId(STATE))).containsExactly(SampleQuality.GOOD, SampleQuality.NO_DATA,
                SampleQuality.GOOD);
        assertThat(listener.qualitiesOf(nodeId(RUNNING))).containsExactly(SampleQuality.GOOD, SampleQuality.NO_DATA,
                SampleQuality.GOOD);
        assertThat(lossTime).isBefore(restarted);
        assertThat(source.status().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(source.status().reconnects()).isEqualTo(1);
        assertThat(source.counters().resubscriptions()).isEqualTo(1);
        assertThat(listener.states()).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
                ConnectionState.CONNECTED);
    }

    @Test
    void shouldReportLostNotificationsAsNoDataThenResubscribe() {
        // Given a connected source with its first values
        source = new OpcUaSource(TestPki.settings("opcua-press1", server, tmp.resolve("gateway-pki")).insecure()
                .tags(List.of(tag(STATE), tag(RUNNING)))
                .build());
        source.start(listener);
        await().atMost(Duration.ofSeconds(20)).until(() -> last(STATE).isPresent() && last(RUNNING).isPresent());
        TagSubscription before = source.currentSubscription();

        // When Milo reports that notifications were lost and could not be republished
        Instant lostAfter = Instant.now();
        SubscriptionFaults.loseNotifications(before.milo());

        // Then every tag is NO_DATA from the detection on, and a new subscription brings fresh values
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(listener.qualitiesOf(nodeId(STATE))).containsExactly(SampleQuality.GOOD,
                    SampleQuality.NO_DATA, SampleQuality.GOOD);
            assertThat(listener.qualitiesOf(nodeId(RUNNING))).containsExactly(SampleQuality.GOOD,
                    SampleQuality.NO_DATA, SampleQuality.GOOD);
        });
        assertThat(listener.samplesOf(nodeId(STATE)).get(1).sourceTime()).isAfterOrEqualTo(lostAfter);
        assertThat(source.currentSubscription()).isNotSameAs(before);
        assertThat(source.counters().gaps()).isEqualTo(1);
        assertThat(source.counters().resubscriptions()).isEqualTo(1);
        // and the link itself never dropped
        assertThat(listener.states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
    }

    private String nodeId(String name) {
        return server.nodeId(name);
    }

    private OpcUaTag tag(String name) {
        return TestPki.fastTag(nodeId(name));
    }

    private java.util.Optional<TagSample> last(String name) {
        return listener.last(nodeId(name)).map(OpcUaSourceIT::withoutReceiveTime);
    }

    private TagSample first(String name) {
        TagSample sample = listener.samplesOf(nodeId(name)).get(0);
        // Receive times differ run to run; compare everything else.
        return withoutReceiveTime(sample);
    }

    private TagSample good(String name, Object value, Instant sourceTime) {
        return new TagSample("opcua-press1", nodeId(name), value, SampleQuality.GOOD, sourceTime, Instant.EPOCH);
    }

    private static TagSample withoutReceiveTime(TagSample s) {
        return new TagSample(s.sourceId(), s.address(), s.value(), s.quality(), s.sourceTime(), Instant.EPOCH);
    }
}
