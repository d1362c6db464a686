package io.takt.oee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.Counter;
import io.takt.platform.deadletter.DeadLetterHeaders;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.AvroSerializer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityDisposition;
import io.takt.schemas.QualityResult;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;

/**
 * Poison records on the real broker: corrupt bytes, an unknown schema id, an impossible value
 * and an event far older than grace each go to the dead-letter topic with the reason in its
 * headers, are counted in {@code takt.dead.letters} (also on /metrics), and the app goes on with
 * the valid events after them.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OeePoisonIT {

    private static final String SITE = "poison";
    private static final String APP = "oee-poison";
    private static final String PRESS_1 = "poison.assembly.line1.press1";
    private static final String PRESS_2 = "poison.assembly.line1.press2";
    private static final SourceRef TAG = SourceRef.newBuilder().setGatewayId("gw1").setAddress("tag").build();
    // Yesterday 10:00 UTC: in the past, so every timestamp is one the broker takes.
    private static final Instant TEN = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1))
            .plus(Duration.ofHours(10));

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    static Path dir;

    private static TopicCatalogue topics;
    private static ServiceMetrics metrics;
    private static OeeService oee;
    private static KafkaProducer<String, byte[]> producer;
    private static AvroSerializer<SpecificRecord> avro;

    @BeforeAll
    static void startTheService() throws Exception {
        topics = backbone.provisionSite(SITE);
        // Defaults: grace 5 min, minor-stop threshold 2 min, PRU 1 s, one shift round the clock (UTC)
        metrics = ServiceMetrics.create("takt-oee");
        oee = OeeService.create(OeeTestConfig.of(backbone.bootstrapServers(), backbone.registryUrl(), SITE, APP,
                dir.resolve("oee-state"), Map.of()), metrics).start();
        assertThat(oee.awaitRunning(Duration.ofSeconds(30))).as("OEE streams running").isTrue();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", backbone.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        avro = new AvroSerializer<>();
        avro.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, backbone.registryUrl()), false);
    }

    @AfterAll
    static void stopTheService() {
        if (producer != null) {
            producer.close();
        }
        if (oee != null) {
            oee.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    @Test
    void shouldDeadLetterPoisonRecordsWithTheirReasonAndGoOn() throws Exception {
        // Given press 1 running since 10:00 with 10 good units at half past every minute, its clock at 10:10:30
        send(topics.machineState().name(), PRESS_1, state(PRESS_1, 0, MachineState.RUNNING));
        for (int minute = 0; minute <= 10; minute++) {
            send(topics.productionCount().name(), PRESS_1, count(PRESS_1, minute * 60 + 30, 10));
        }
        awaitCaughtUp();

        // When four poison records arrive
        RecordMetadata corrupt = sendRaw(topics.machineState().name(), PRESS_1,
                "not Avro, not framed".getBytes(StandardCharsets.UTF_8));
        // Confluent framing: magic byte 0, then schema id 987654 (0x000F1206), which the registry never gave out
        RecordMetadata unknownSchema = sendRaw(topics.machineState().name(), PRESS_1,
                new byte[] {0, 0x00, 0x0F, 0x12, 0x06, 2, 4, 6});
        RecordMetadata impossible = send(topics.productionCount().name(), PRESS_1, count(PRESS_1, 10 * 60 + 40, -5));
        // A fault at 09:00, 70 min behind the clock (10:10:30): far more than the grace of 5 min
        RecordMetadata late = send(topics.machineState().name(), PRESS_1, state(PRESS_1, -3600, MachineState.FAULT));
        // and valid events after them: counts on to 10:19:30, press idle from 10:20
        for (int minute = 11; minute <= 19; minute++) {
            send(topics.productionCount().name(), PRESS_1, count(PRESS_1, minute * 60 + 30, 10));
        }
        send(topics.machineState().name(), PRESS_1, state(PRESS_1, 20 * 60, MachineState.IDLE));
        awaitCaughtUp();

        // Then each is on the dead-letter topic, naming its source record, its reason and the app
        Map<String, ConsumerRecord<String, byte[]>> letters = deadLettersOf(PRESS_1);
        assertThat(letters).hasSize(4);
        checkLetter(letters, corrupt, "deserialization");
        checkLetter(letters, unknownSchema, "deserialization");
        checkLetter(letters, impossible, "invalid-event");
        checkLetter(letters, late, "late-event");

        // And the app still runs and processed the valid events after them
        assertThat(oee.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        Map<String, OeeKpi> windows = TopicContents.latestWindows(backbone.bootstrapServers(), backbone.registryUrl(),
                topics.oee().name());
        // Minute 10:10 is FINAL (clock 10:20 >= 10:11 + 5 min grace + 2 min threshold). Running all minute:
        // APT = PBT = 60 000 ms; the one valid count of 10 at 10:10:30 (the -5 at 10:10:40 changed
        // nothing): PQ = GQ = 10, ideal 10 x 1 000 ms = 10 000 ms, P = 10 000 / 60 000 = 1/6, OEE = 1/6
        OeeKpi tenTen = windows.get(OeeStores.kpiKey(PRESS_1, WindowKind.MINUTE, TEN.plusSeconds(600).toEpochMilli()));
        assertThat(tenTen).as("minute 10:10 of press 1").isNotNull();
        assertThat(tenTen.getStatus()).isEqualTo(WindowStatus.FINAL);
        assertThat(tenTen.getActualProductionTimeMillis()).isEqualTo(60_000L);
        assertThat(tenTen.getProducedQuantity()).isEqualTo(10L);
        assertThat(tenTen.getOee()).isCloseTo(1.0 / 6.0, offset(1e-12));
        // Minute 10:15, after the poison: published SO_FAR (10:16 + 7 min > clock 10:20) with its count,
        // PQ = 10
        OeeKpi tenFifteen = windows.get(OeeStores.kpiKey(PRESS_1, WindowKind.MINUTE,
                TEN.plusSeconds(900).toEpochMilli()));
        assertThat(tenFifteen).as("minute 10:15 of press 1").isNotNull();
        assertThat(tenFifteen.getProducedQuantity()).isEqualTo(10L);
        // The late fault at 09:00 made no window at all
        assertThat(windows).doesNotContainKey(OeeStores.kpiKey(PRESS_1, WindowKind.MINUTE,
                TEN.minusSeconds(3600).toEpochMilli()));
        assertThat(TopicContents.read(backbone.bootstrapServers(), topics.oeeLive().name(),
                IsolationLevel.READ_COMMITTED)).as("live records of press 1").anyMatch(r -> PRESS_1.equals(r.key()));

        // And the meter counted them, by source topic and reason, also as scraped from /metrics
        assertThat(deadLetterCount(topics.machineState().name(), "deserialization")).isEqualTo(2.0);
        assertThat(deadLetterCount(topics.machineState().name(), "late-event")).isEqualTo(1.0);
        assertThat(deadLetterCount(topics.productionCount().name(), "invalid-event")).isEqualTo(1.0);
        String scraped = scrape();
        assertThat(scraped).containsPattern("takt_dead_letters_total\\{[^}]*reason=\"late-event\"[^}]*topic=\""
                + topics.machineState().name().replace(".", "\\.") + "\"[^}]*\\} 1\\.0");
        assertThat(scraped).containsPattern("takt_dead_letters_total\\{[^}]*reason=\"deserialization\"[^}]*topic=\""
                + topics.machineState().name().replace(".", "\\.") + "\"[^}]*\\} 2\\.0");
    }

    /**
     * A late quality result is dead-lettered after the topology re-keyed it by machine; the dead
     * letter must still name the record on the quality-result topic (RecordOrigin), so that
     * {@code takt oee reconcile}, which leaves out exactly the records dead letters name, leaves it out.
     */
    @Test
    void shouldNameTheQualityResultTopicInTheDeadLetterOfALateQualityResult() throws Exception {
        // Given press 2 running since 10:00, its clock at 10:30
        send(topics.machineState().name(), PRESS_2, state(PRESS_2, 0, MachineState.RUNNING));
        send(topics.productionCount().name(), PRESS_2, count(PRESS_2, 30 * 60, 10));
        awaitCaughtUp();

        // When a FAIL of 3 units made on press 2 at 10:00:30 arrives, 29.5 min behind the clock
        QualityResult fail = QualityResult.newBuilder().setLotId("LOT-7").setCharacteristic("bore")
                .setVerdict(InspectionResult.FAIL).setEquipment(machine("poison.assembly.line1.gauge1"))
                .setProducedOn(PRESS_2).setDisposition(QualityDisposition.SCRAP).setQuantity(3L)
                .setSourceTimestamp(TEN.plusSeconds(30)).setReceiveTimestamp(TEN.plusSeconds(30)).setSource(TAG)
                .setSequence(1L).build();
        RecordMetadata late = send(topics.qualityResult().name(), "LOT-7", fail);

        // Then it is dead-lettered as late (once the re-keyed copy is through), naming the record it came from
        List<ConsumerRecord<String, byte[]>> letters = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (letters.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            letters = TopicContents.read(backbone.bootstrapServers(),
                    topics.deadLetter().name(), IsolationLevel.READ_COMMITTED).stream()
                    .filter(r -> header(r, DeadLetterHeaders.REASON).equals("late-event"))
                    .filter(r -> header(r, DeadLetterHeaders.MESSAGE).contains("quality result")).toList();
        }
        assertThat(letters).as("dead letters of the late quality result").hasSize(1);
        assertThat(header(letters.get(0), DeadLetterHeaders.TOPIC) + "@" + header(letters.get(0), DeadLetterHeaders.OFFSET))
                .as("the dead letter names the quality-result record, so reconcile can leave it out")
                .isEqualTo(late.topic() + "@" + late.offset());
    }

    private static void checkLetter(Map<String, ConsumerRecord<String, byte[]>> letters, RecordMetadata source,
            String reason) {
        ConsumerRecord<String, byte[]> letter = letters.get(source.topic() + "@" + source.offset());
        assertThat(letter).as("dead letter of " + source).isNotNull();
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo(reason);
        assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(source.topic());
        assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo(String.valueOf(source.partition()));
        assertThat(header(letter, DeadLetterHeaders.APP)).isEqualTo(APP);
        assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isNotBlank();
        assertThat(header(letter, DeadLetterHeaders.TIME)).isNotBlank();
        assertThat(letter.key()).isEqualTo(PRESS_1);
    }

    /** Dead letters of a machine's records on the machine-state and production-count topics, by "topic@offset". */
    private static Map<String, ConsumerRecord<String, byte[]>> deadLettersOf(String machine) {
        Map<String, ConsumerRecord<String, byte[]>> bySource = new HashMap<>();
        for (ConsumerRecord<String, byte[]> letter : TopicContents.read(backbone.bootstrapServers(),
                topics.deadLetter().name(), IsolationLevel.READ_COMMITTED)) {
            String topic = header(letter, DeadLetterHeaders.TOPIC);
            boolean input = topic.equals(topics.machineState().name()) || topic.equals(topics.productionCount().name());
            if (machine.equals(letter.key()) && input) {
                bySource.put(topic + "@" + header(letter, DeadLetterHeaders.OFFSET), letter);
            }
        }
        return bySource;
    }

    private static double deadLetterCount(String topic, String reason) {
        Counter counter = metrics.registry().find(DeadLetterMetrics.METER).tag("app", APP).tag("topic", topic)
                .tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(oee.url() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return DeadLetterHeaders.read(record.headers(), name).orElse("");
    }

    private static void awaitCaughtUp() throws InterruptedException {
        try (Admin admin = backbone.admin()) {
            StreamsLag.awaitCaughtUp(admin, APP, List.of(topics.machineState().name(),
                    topics.productionCount().name(), topics.qualityResult().name()), Duration.ofSeconds(60));
        }
    }

    private static RecordMetadata send(String topic, String key, SpecificRecord value) throws Exception {
        return sendRaw(topic, key, avro.serialize(topic, value));
    }

    private static RecordMetadata sendRaw(String topic, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static EquipmentRef machine(String id) {
        String[] parts = id.split("\\.");
        return EquipmentRef.newBuilder().setId(id).setEnterprise("acme").setSite(parts[0]).setArea(parts[1])
                .setLine(parts[2]).setMachine(parts[3]).build();
    }

    /** @param second seconds after 10:00 */
    private static MachineStateChanged state(String machine, int second, MachineState state) {
        return MachineStateChanged.newBuilder().setEquipment(machine(machine)).setState(state)
                .setRawState(state.name()).setSourceTimestamp(TEN.plusSeconds(second))
                .setReceiveTimestamp(TEN.plusSeconds(second)).setSource(TAG).setSequence(second).build();
    }

    private static ProductionCount count(String machine, int second, long good) {
        return ProductionCount.newBuilder().setEquipment(machine(machine)).setGoodQuantity(good).setScrapQuantity(0L)
                .setReworkQuantity(0L).setSourceTimestamp(TEN.plusSeconds(second))
                .setReceiveTimestamp(TEN.plusSeconds(second)).setSource(TAG).setSequence(second).build();
    }
}
