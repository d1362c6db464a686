package io.takt.acquisition.mqtt.sparkplug;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.takt.acquisition.mqtt.sparkplug.SparkplugDataType.BOOLEAN;
import static io.takt.acquisition.mqtt.sparkplug.SparkplugDataType.INT32;
import static io.takt.acquisition.mqtt.sparkplug.SparkplugDataType.INT64;
import static io.takt.acquisition.mqtt.sparkplug.SparkplugDataType.UINT64;
import static org.assertj.core.api.Assertions.assertThat;

class SparkplugHostTest {

    private static final Instant NOW = Instant.parse("2025-03-01T06:00:00Z");
    private static final String STATE = "Plant1/Line1-Edge/Press1/State";
    private static final String COUNT = "Plant1/Line1-Edge/Press1/GoodCount";
    private static final String SPEED = "Plant1/Line1-Edge/Speed";

    private final List<TagSample> samples = new ArrayList<>();
    private final List<String> rebirths = new ArrayList<>();
    private final MutableClock clock = new MutableClock(NOW);
    private final SparkplugHost host = new SparkplugHost("sp", new SparkplugHost.Outlet() {
        @Override
        public void sample(TagSample sample) {
            samples.add(sample);
        }

        @Override
        public void requestRebirth(String groupId, String edgeNodeId) {
            rebirths.add(groupId + "/" + edgeNodeId);
        }
    }, Duration.ofSeconds(5), clock);

    @Test
    void shouldDeliverBirthValuesThenDataResolvedByAlias() {
        // Given an NBIRTH (seq 0) with Speed alias 1 and a DBIRTH (seq 1) with State alias 2, GoodCount alias 3
        nbirth(0, 7);
        dbirth(1, 1L, 0L);

        // When a DDATA (seq 2) carries State=3 by alias only, stamped 1000 ms after the epoch
        send("spBv1.0/Plant1/DDATA/Line1-Edge/Press1", new SparkplugPayload(900L,
                List.of(SparkplugPayload.Metric.data(2, INT32, 3L, 1000L)), 2L, null));

        // Then
        assertThat(values()).containsExactly(
                Map.entry("Plant1/Line1-Edge/bdSeq", 7L), Map.entry("Plant1/Line1-Edge/Node Control/Rebirth", false),
                Map.entry(SPEED, 12.5), Map.entry(STATE, 1L), Map.entry(COUNT, 0L), Map.entry(STATE, 3L));
        TagSample last = samples.get(samples.size() - 1);
        assertThat(last.sourceTime()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(last.receiveTime()).isEqualTo(NOW);
        assertThat(last.sourceId()).isEqualTo("sp");
        assertThat(rebirths).isEmpty();
    }

    @Test
    void shouldUseThePayloadTimestampWhenTheMetricHasNone() {
        // Given
        nbirth(0, 0);
        dbirth(1, 1L, 0L);

        // When
        send("spBv1.0/Plant1/DDATA/Line1-Edge/Press1", new SparkplugPayload(900L,
                List.of(SparkplugPayload.Metric.data(3, UINT64, 5L, null)), 2L, null));

        // Then
        TagSample last = samples.get(samples.size() - 1);
        assertThat(last.address()).isEqualTo(COUNT);
        assertThat(last.sourceTime()).isEqualTo(Instant.ofEpochMilli(900));
    }

    @Test
    void shouldTurnEveryNodeMetricIntoNoDataAndAskForRebirthOnASeqGap() {
        // Given births with seq 0 and 1
        nbirth(0, 0);
        dbirth(1, 1L, 0L);
        samples.clear();

        // When the next DDATA comes with seq 3 instead of 2 (one message lost)
        send("spBv1.0/Plant1/DDATA/Line1-Edge/Press1", new SparkplugPayload(900L,
                List.of(SparkplugPayload.Metric.data(2, INT32, 3L, null)), 3L, null));

        // Then: all five metrics NO_DATA from now, the DDATA value not delivered, one rebirth request
        assertThat(samples).allMatch(s -> s.quality() == SampleQuality.NO_DATA && s.sourceTime().equals(NOW));
        assertThat(samples).extracting(TagSample::address).containsExactlyInAnyOrder(
                "Plant1/Line1-Edge/bdSeq", "Plant1/Line1-Edge/Node Control/Rebirth", SPEED, STATE, COUNT);
        assertThat(rebirths).containsExactly("Plant1/Line1-Edge");
    }

    @Test
    void shouldIgnoreDataUntilTheRebirthAndAskAgainOnlyAfterTheRetryInterval() {
        // Given a gap that already asked for a rebirth
        nbirth(0, 0);
        send("spBv1.0/Plant1/NDATA/Line1-Edge", speed(5, 1.0));
        samples.clear();

        // When more data comes 1 s later, then 5 s after the request
        clock.advance(Duration.ofSeconds(1));
        send("spBv1.0/Plant1/NDATA/Line1-Edge", speed(6, 2.0));
        clock.advance(Duration.ofSeconds(4));
        send("spBv1.0/Plant1/NDATA/Line1-Edge", speed(7, 3.0));

        // Then: no values, and requests at 0 s and 5 s only
        assertThat(samples).isEmpty();
        assertThat(rebirths).hasSize(2);

        // When the node is born again with seq 0, values resume
        nbirth(0, 0);
        send("spBv1.0/Plant1/NDATA/Line1-Edge", speed(1, 4.0));
        assertThat(samples.get(samples.size() - 1).value()).isEqualTo(4.0);
    }

    @Test
    void shouldAcceptTheSeqWrappingFrom255To0() {
        // Given a node born with seq 254
        nbirth(254, 0);

        // When NDATA seq 255 then seq 0 follow
        send("spBv1.0/Plant1/NDATA/Line1-Edge", speed(255, 1.0));
        send("spBv1.0/Plant1/NDATA/Line1-Edge", speed(0, 2.0));

        // Then
        assertThat(rebirths).isEmpty();
        assertThat(samples.get(samples.size() - 1).value()).isEqualTo(2.0);
    }

    @Test
    void shouldTreatAnUnknownAliasLikeAGap() {
        // Given
        nbirth(0, 0);

        // When NDATA refers to alias 99, which no birth defined
        send("spBv1.0/Plant1/NDATA/Line1-Edge", new SparkplugPayload(1L,
                List.of(SparkplugPayload.Metric.data(1, SparkplugDataType.DOUBLE, 1.0, null),
                        SparkplugPayload.Metric.data(99, INT32, 1L, null)), 1L, null));

        // Then: not even the known metric of that message is delivered; SPEED is NO_DATA
        assertThat(samples.get(samples.size() - 1).quality()).isEqualTo(SampleQuality.NO_DATA);
        assertThat(samples).filteredOn(s -> s.address().equals(SPEED)).extracting(TagSample::value)
                .containsExactly(12.5, null);
        assertThat(rebirths).containsExactly("Plant1/Line1-Edge");
    }

    @Test
    void shouldEndTheNodeOnNdeathWithTheCurrentBdSeqOnly() {
        // Given a node born with bdSeq 4
        nbirth(0, 4);
        dbirth(1, 1L, 0L);
        samples.clear();

        // When an NDEATH of an earlier session (bdSeq 3) arrives late
        send("spBv1.0/Plant1/NDEATH/Line1-Edge", death(3));

        // Then nothing happens
        assertThat(samples).isEmpty();

        // When the NDEATH of this session arrives
        send("spBv1.0/Plant1/NDEATH/Line1-Edge", death(4));

        // Then every node and device metric is NO_DATA, and no rebirth is asked for
        assertThat(samples).hasSize(5).allMatch(s -> s.quality() == SampleQuality.NO_DATA);
        assertThat(rebirths).isEmpty();
    }

    @Test
    void shouldEndOnlyTheDeviceOnDdeath() {
        // Given
        nbirth(0, 0);
        dbirth(1, 1L, 0L);
        samples.clear();

        // When
        send("spBv1.0/Plant1/DDEATH/Line1-Edge/Press1", new SparkplugPayload(5000L, List.of(), 2L, null));

        // Then: the two device metrics are NO_DATA since the DDEATH's timestamp
        assertThat(samples).extracting(TagSample::address).containsExactlyInAnyOrder(STATE, COUNT);
        assertThat(samples).allMatch(s -> s.quality() == SampleQuality.NO_DATA
                && s.sourceTime().equals(Instant.ofEpochMilli(5000)));

        // When DDATA for the dead device arrives anyway
        send("spBv1.0/Plant1/DDATA/Line1-Edge/Press1", new SparkplugPayload(1L,
                List.of(SparkplugPayload.Metric.data(2, INT32, 3L, null)), 3L, null));

        // Then the host no longer trusts the node and asks for a rebirth
        assertThat(rebirths).containsExactly("Plant1/Line1-Edge");
    }

    @Test
    void shouldAskForRebirthWhenDataComesFromANodeWhoseBirthWasMissed() {
        // When
        send("spBv1.0/Plant1/NDATA/Line1-Edge", speed(17, 1.0));

        // Then
        assertThat(samples).isEmpty();
        assertThat(rebirths).containsExactly("Plant1/Line1-Edge");
    }

    @Test
    void shouldTurnEveryLiveMetricIntoNoDataWhenTheConnectionIsLost() {
        // Given two nodes
        nbirth(0, 0);
        send("spBv1.0/Plant1/NBIRTH/Line2-Edge", new SparkplugPayload(1L, List.of(
                SparkplugPayload.Metric.birth("Speed", 1L, SparkplugDataType.DOUBLE, 1.0, null)), 0L, null));
        samples.clear();

        // When
        host.connectionLost();

        // Then: Line1's bdSeq, Rebirth and Speed, and Line2's Speed
        assertThat(samples).extracting(TagSample::address).containsExactlyInAnyOrder("Plant1/Line1-Edge/bdSeq",
                "Plant1/Line1-Edge/Node Control/Rebirth", SPEED, "Plant1/Line2-Edge/Speed");
        assertThat(host.knownNodes()).containsExactly("Plant1/Line1-Edge", "Plant1/Line2-Edge");
    }

    @Test
    void shouldAskEveryKnownNodeForRebirthOnReconnect() {
        // Given a node seen before the connection was lost
        nbirth(0, 0);
        host.connectionLost();

        // When the connection is back
        host.connected();

        // Then
        assertThat(rebirths).containsExactly("Plant1/Line1-Edge");
    }

    @Test
    void shouldReportMetricsThatANewBirthNoLongerDefines() {
        // Given a device born with State and GoodCount
        nbirth(0, 0);
        dbirth(1, 1L, 0L);
        samples.clear();

        // When it is born again with State only
        send("spBv1.0/Plant1/DBIRTH/Line1-Edge/Press1", new SparkplugPayload(1L, List.of(
                SparkplugPayload.Metric.birth("State", 2L, INT32, 2L, null)), 2L, null));

        // Then
        assertThat(values()).containsExactly(Map.entry(STATE, 2L));
        assertThat(samples).filteredOn(s -> s.address().equals(COUNT))
                .singleElement().extracting(TagSample::quality).isEqualTo(SampleQuality.NO_DATA);
    }

    @Test
    void shouldTreatAnUndecodablePayloadAsLostData() {
        // Given
        nbirth(0, 0);
        samples.clear();

        // When
        host.accept("spBv1.0/Plant1/NDATA/Line1-Edge", new byte[] {0x12, 0x05, 0x0A});

        // Then
        assertThat(samples).isNotEmpty().allMatch(s -> s.quality() == SampleQuality.NO_DATA);
        assertThat(rebirths).containsExactly("Plant1/Line1-Edge");
    }

    @Test
    void shouldIgnoreCommandsStateMessagesAndForeignTopics() {
        host.accept("spBv1.0/Plant1/NCMD/Line1-Edge", new byte[] {0x7F});
        host.accept("spBv1.0/STATE/scada", "{\"online\":true}".getBytes());
        host.accept("other/topic", new byte[0]);
        assertThat(samples).isEmpty();
        assertThat(rebirths).isEmpty();
    }

    @Test
    void shouldDeliverAnExplicitNullAsNoData() {
        // When
        send("spBv1.0/Plant1/NBIRTH/Line1-Edge", new SparkplugPayload(1L, List.of(
                SparkplugPayload.Metric.birth("Speed", 1L, SparkplugDataType.DOUBLE, null, 2000L)), 0L, null));

        // Then
        assertThat(samples).singleElement().satisfies(s -> {
            assertThat(s.quality()).isEqualTo(SampleQuality.NO_DATA);
            assertThat(s.sourceTime()).isEqualTo(Instant.ofEpochMilli(2000));
        });
    }

    private void nbirth(long seq, long bdSeq) {
        send("spBv1.0/Plant1/NBIRTH/Line1-Edge", new SparkplugPayload(1L, List.of(
                SparkplugPayload.Metric.birth("bdSeq", null, INT64, bdSeq, null),
                SparkplugPayload.Metric.birth("Node Control/Rebirth", null, BOOLEAN, false, null),
                SparkplugPayload.Metric.birth("Speed", 1L, SparkplugDataType.DOUBLE, 12.5, null)), seq, null));
    }

    private void dbirth(long seq, long state, long count) {
        send("spBv1.0/Plant1/DBIRTH/Line1-Edge/Press1", new SparkplugPayload(1L, List.of(
                SparkplugPayload.Metric.birth("State", 2L, INT32, state, null),
                SparkplugPayload.Metric.birth("GoodCount", 3L, UINT64, count, null)), seq, null));
    }

    private static SparkplugPayload speed(long seq, double value) {
        return new SparkplugPayload(1L, List.of(SparkplugPayload.Metric.data(1, SparkplugDataType.DOUBLE, value,
                null)), seq, null);
    }

    private static SparkplugPayload death(long bdSeq) {
        return new SparkplugPayload(null, List.of(SparkplugPayload.Metric.birth("bdSeq", null, INT64, bdSeq, null)),
                null, null);
    }

    private void send(String topic, SparkplugPayload payload) {
        host.accept(topic, SparkplugCodec.encode(payload));
    }

    private List<Map.Entry<String, Object>> values() {
        return samples.stream().filter(s -> s.value() != null)
                .map(s -> Map.entry(s.address(), s.value())).toList();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
