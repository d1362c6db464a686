package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.takt.oee.OeeStores;
import io.takt.platform.deadletter.DeadLetterHeaders;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.AvroSerializer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;
import picocli.CommandLine;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OeeReconcileIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    private static final String SITE = "recon";
    private static final String PRESS = "recon.assembly.line2.press3";
    private static final String LINE = "recon.assembly.line2";
    private static final Instant TEN = Instant.parse("2026-11-25T10:00:00Z");
    private static final SourceRef TAG = SourceRef.newBuilder().setGatewayId("gw1").setAddress("tag").build();

    private static TopicCatalogue topics;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void produceOneMinuteOfPress3() throws Exception {
        topics = backbone.provisionSite(SITE);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", backbone.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            // Press 3 runs 10:00-10:01 with 50 good units at 10:00:30, idles, runs again at 10:08 (its
            // clock: minute 10:00 is FINAL, as 10:01 + 5 min grace + 2 min threshold <= 10:08; 10:01 is not)
            send(producer, topics.machineState().name(), PRESS, state(0, MachineState.RUNNING));
            send(producer, topics.productionCount().name(), PRESS, count(30, 50));
            send(producer, topics.machineState().name(), PRESS, state(60, MachineState.IDLE));
            send(producer, topics.machineState().name(), PRESS, state(480, MachineState.RUNNING));
            // A FAULT at 10:00:40 read after the clock was at 10:08: late, so the stream dead-lettered it
            RecordMetadata late = send(producer, topics.machineState().name(), PRESS, state(40, MachineState.FAULT));
            ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topics.deadLetter().name(), PRESS, new byte[0]);
            letter.headers().add(DeadLetterHeaders.TOPIC, bytes(late.topic()))
                    .add(DeadLetterHeaders.PARTITION, bytes(String.valueOf(late.partition())))
                    .add(DeadLetterHeaders.OFFSET, bytes(String.valueOf(late.offset())))
                    .add(DeadLetterHeaders.REASON, bytes("late-event"));
            producer.send(letter).get();

            // What the stream would publish for minute 10:00, worked out by hand: APT = PBT = POT = 60 000
            // (10:00-10:01 running, the late fault left out); PQ = GQ = 50; ideal 50 × 1 000 ms = 50 000;
            // A = 1, P = 50 000 / 60 000 = 5/6, Q = 1, OEE = 5/6, NEE = 1 × 5/6 × 1, TE = 1, setup rate 0
            OeeKpi machine = minute(PRESS, EquipmentLevel.MACHINE).build();
            publish(producer, machine);
            // The line's record is wrong in one field: APT one second short
            publish(producer, minute(LINE, EquipmentLevel.LINE).setActualProductionTimeMillis(59_000L)
                    .build());
            publish(producer, minute("recon.assembly", EquipmentLevel.AREA).build());
            publish(producer, minute(SITE, EquipmentLevel.SITE).build());
        }
    }

    @Test
    void shouldFindExactlyTheWrongWindowAndThenNone() throws Exception {
        // When the published windows are reconciled
        int exit = takt("oee", "reconcile", "-b", backbone.bootstrapServers(), "--registry", backbone.registryUrl(),
                "--site", SITE, "--timeout", "30s");

        // Then the four FINAL windows are compared, one differs, in APT only; the late fault was left out
        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString())
                .contains("read 4 record(s) from takt.recon.machine-state.v1: 1 dead-lettered (left out)")
                .contains("4 window(s) compared, 1 differ; 0 FINAL only in the stream, 0 FINAL only in the batch")
                .contains("DIFFERENT LINE recon.assembly.line2 MINUTE 2026-11-25T10:00:00Z")
                .contains("actualProductionTimeMillis   stream=59000 batch=60000")
                .doesNotContain("availability ");

        // When the stream publishes a corrected record for the line (the latest per key counts)
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", backbone.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            publish(producer, minute(LINE, EquipmentLevel.LINE).build());
        }
        int again = takt("oee", "reconcile", "-b", backbone.bootstrapServers(), "--registry",
                backbone.registryUrl(), "--site", SITE);

        // Then all agree
        assertThat(again).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("4 window(s) compared, 0 differ").contains("IDENTICAL");
    }

    @Test
    void shouldExitWithTwoWhenTheSiteHasNoTopics() {
        int exit = takt("oee", "reconcile", "-b", backbone.bootstrapServers(), "--registry", backbone.registryUrl(),
                "--site", "nowhere", "--timeout", "10s");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("could not run").contains("takt.nowhere.oee.v1");
    }

    private int takt(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = TaktCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private static OeeKpi.Builder minute(String equipment, EquipmentLevel level) {
        return OeeKpi.newBuilder().setEquipmentId(equipment).setLevel(level).setWindowKind(WindowKind.MINUTE)
                .setWindowStart(TEN).setWindowEnd(TEN.plusSeconds(60)).setAccountedUntil(TEN.plusSeconds(60))
                .setStatus(WindowStatus.FINAL)
                .setPlannedOperationTimeMillis(60_000L).setPlannedDownTimeMillis(0L)
                .setPlannedBusyTimeMillis(60_000L).setActualProductionTimeMillis(60_000L)
                .setActualSetupTimeMillis(0L).setActualUnitDelayTimeMillis(0L).setActualUnitDownTimeMillis(0L)
                .setNoDataTimeMillis(0L).setMinorStopTimeMillis(0L).setMinorStopCount(0L)
                .setMinorStopPolicy(MinorStopPolicy.IN_RUN_TIME)
                .setProducedQuantity(50L).setGoodQuantity(50L).setScrapQuantity(0L).setReworkQuantity(0L)
                .setIdealTimeProducedMillis(50_000.0).setIdealTimeGoodMillis(50_000.0).setFailureEvents(0L)
                .setAvailability(1.0).setPerformance(5.0 / 6.0).setQuality(1.0).setOee(5.0 / 6.0)
                .setNee(5.0 / 6.0).setTechnicalEfficiency(1.0).setSetupRate(0.0).setScrapRatio(0.0)
                .setReworkRatio(0.0).setMembers(1).setComputedAt(TEN.plusSeconds(400));
    }

    private static void publish(KafkaProducer<String, byte[]> producer, OeeKpi kpi) throws Exception {
        send(producer, topics.oee().name(),
                OeeStores.kpiKey(kpi.getEquipmentId(), kpi.getWindowKind(), kpi.getWindowStart().toEpochMilli()), kpi);
    }

    private static RecordMetadata send(KafkaProducer<String, byte[]> producer, String topic, String key,
            SpecificRecord value) throws Exception {
        try (AvroSerializer<SpecificRecord> values = new AvroSerializer<>()) {
            values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, backbone.registryUrl()), false);
            return producer.send(new ProducerRecord<>(topic, key, values.serialize(topic, value))).get();
        }
    }

    private static EquipmentRef press3() {
        return EquipmentRef.newBuilder().setId(PRESS).setEnterprise("acme").setSite(SITE).setArea("assembly")
                .setLine("line2").setMachine("press3").build();
    }

    private static MachineStateChanged state(int second, MachineState state) {
        return MachineStateChanged.newBuilder().setEquipment(press3()).setState(state).setRawState(state.name())
                .setSourceTimestamp(TEN.plusSeconds(second)).setReceiveTimestamp(TEN.plusSeconds(second))
                .setSource(TAG).setSequence(second).build();
    }

    private static ProductionCount count(int second, long good) {
        return ProductionCount.newBuilder().setEquipment(press3()).setGoodQuantity(good).setScrapQuantity(0L)
                .setReworkQuantity(0L).setSourceTimestamp(TEN.plusSeconds(second))
                .setReceiveTimestamp(TEN.plusSeconds(second)).setSource(TAG).setSequence(second).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
