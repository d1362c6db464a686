package io.takt.oee;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.AvroSerializer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WindowStatus;

/**
 * Exactly-once under a crash: the same events go to two sites; run A computes them without
 * interruption, run B is killed (SIGKILL of its JVM) mid-stream and restarted on its state
 * directory. Their FINAL windows must be identical.
 */
@Tag("integration")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class OeeCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(OeeCrashIT.class);
    private static final String SITE_A = "runa";
    private static final String SITE_B = "runb";
    private static final String APP_A = "oee-crash-a";
    private static final String APP_B = "oee-crash-b";
    // Yesterday 06:00 UTC, 8 hours: in the past, so every timestamp is one the broker takes.
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1))
            .plus(Duration.ofHours(6));
    private static final Duration SPAN = Duration.ofHours(8);
    private static final SourceRef TAG = SourceRef.newBuilder().setGatewayId("gw1").setAddress("tag").build();

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    @Test
    void shouldPublishTheSameFinalWindowsAfterAKillNineAndRestartAsWithoutOne() throws Exception {
        // Given the same 8 hours of 8 machines on both sites' input topics
        TopicCatalogue a = backbone.provisionSite(SITE_A);
        TopicCatalogue b = backbone.provisionSite(SITE_B);
        int produced = produce(a, SITE_A) + produce(b, SITE_B);
        LOG.info("Produced {} events per site", produced / 2);

        try (Admin admin = backbone.admin()) {
            // When run A computes site A without interruption
            TaktConfig configA = config(SITE_A, APP_A, dir.resolve("state-a"));
            try (ServiceMetrics metrics = ServiceMetrics.create("takt-oee");
                 OeeService runA = OeeService.create(configA, metrics).start()) {
                assertThat(runA.awaitRunning(Duration.ofSeconds(30))).as("run A running").isTrue();
                StreamsLag.awaitCaughtUp(admin, APP_A, inputs(a), Duration.ofSeconds(60));
                TopicContents.awaitFinalWindowsSettled(backbone.bootstrapServers(), backbone.registryUrl(),
                        a.oee().name());
            }

            // And run B, in its own JVM, is killed while part of site B is processed
            Path stateB = dir.resolve("state-b");
            TopicPartition counts = new TopicPartition(b.productionCount().name(), 0);
            // Nothing committed by B yet: its lag is the end offset
            long end = StreamsLag.of(admin, APP_B, inputs(b)).get(counts);
            long committedAtKill;
            int windowsAtKill;
            try (OeeServiceProcess runB = OeeServiceProcess.start("run-b", backbone.bootstrapServers(),
                    backbone.registryUrl(), SITE_B, APP_B, stateB)) {
                assertThat(runB.awaitRunning(Duration.ofSeconds(60))).as("run B running").isTrue();
                committedAtKill = awaitPartlyCommitted(admin, counts, end);
                runB.kill();
            }
            windowsAtKill = TopicContents.read(backbone.bootstrapServers(), b.oee().name(),
                    IsolationLevel.READ_COMMITTED).size();
            // Records of the transaction the kill cut off are on the broker but not committed
            int written = TopicContents.read(backbone.bootstrapServers(), b.oee().name(),
                    IsolationLevel.READ_UNCOMMITTED).size();
            long committedAfterKill = StreamsLag.committed(admin, APP_B).getOrDefault(counts, 0L);
            LOG.info("Run B killed with {} of {} counts committed ({} after the kill); {} window records committed, "
                    + "{} written", committedAtKill, end, committedAfterKill, windowsAtKill, written);

            // Then the kill came mid-stream: some but not all input committed, some output already there
            assertThat(committedAfterKill).as("counts committed by run B when it died").isPositive().isLessThan(end);
            assertThat(windowsAtKill).as("window records run B had committed when it died").isPositive();

            // When run B is started again on its state directory and catches up
            try (ServiceMetrics metrics = ServiceMetrics.create("takt-oee");
                 OeeService restarted = OeeService.create(config(SITE_B, APP_B, stateB), metrics).start()) {
                assertThat(restarted.awaitRunning(Duration.ofSeconds(60))).as("run B running again").isTrue();
                StreamsLag.awaitCaughtUp(admin, APP_B, inputs(b), Duration.ofSeconds(90));
                TopicContents.awaitFinalWindowsSettled(backbone.bootstrapServers(), backbone.registryUrl(),
                        b.oee().name());
            }
        }

        // Then every FINAL window of B equals A's, but for the time it was computed
        Map<String, String> finalA = finalWindows(a, SITE_A);
        Map<String, String> finalB = finalWindows(b, SITE_B);
        // 8 machines x 8 h: some 480 minutes, 8 hours, 1 shift and day each, plus 2 lines, area and site
        assertThat(finalA.size()).as("FINAL windows of run A").isGreaterThan(8 * 400);
        assertThat(finalB.keySet()).isEqualTo(finalA.keySet());
        List<String> differing = finalA.keySet().stream().filter(k -> !finalA.get(k).equals(finalB.get(k))).toList();
        assertThat(differing).as("FINAL windows that differ, e.g. " + (differing.isEmpty() ? ""
                : "A " + finalA.get(differing.get(0)) + "\nB " + finalB.get(differing.get(0)))).isEmpty();
        assertThat(TopicContents.read(backbone.bootstrapServers(), b.deadLetter().name(), IsolationLevel.READ_COMMITTED))
                .as("dead letters of run B").isEmpty();
    }

    private TaktConfig config(String site, String app, Path stateDir) {
        return OeeTestConfig.of(backbone.bootstrapServers(), backbone.registryUrl(), site, app, stateDir,
                Map.of(OeeSettings.LIVE_INTERVAL.name(), "10m"));
    }

    private static List<String> inputs(TopicCatalogue topics) {
        return List.of(topics.machineState().name(), topics.productionCount().name(), topics.qualityResult().name());
    }

    /** Waits until run B has committed between a quarter and 90 % of the counts; returns what it had. */
    private static long awaitPartlyCommitted(Admin admin, TopicPartition counts, long end) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long committed = StreamsLag.committed(admin, APP_B).getOrDefault(counts, 0L);
            if (committed >= end / 4) {
                assertThat(committed).as("run B went through too fast to be killed mid-stream").isLessThan(end * 9 / 10);
                return committed;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run B committed no quarter of the counts within 60 s");
    }

    /** The latest FINAL record per key, as text with the site renamed to "site" and computedAt left out. */
    private static Map<String, String> finalWindows(TopicCatalogue topics, String site) {
        Map<String, String> windows = new TreeMap<>();
        TopicContents.latestWindows(backbone.bootstrapServers(), backbone.registryUrl(), topics.oee().name())
                .forEach((key, kpi) -> {
                    if (kpi.getStatus() == WindowStatus.FINAL) {
                        OeeKpi copy = OeeKpi.newBuilder(kpi).setComputedAt(Instant.EPOCH).build();
                        windows.put(key.replace(site, "site"), copy.toString().replace(site, "site"));
                    }
                });
        return windows;
    }

    /** Produces the site's events, states and counts each in time order; returns how many. */
    private static int produce(TopicCatalogue topics, String site) throws Exception {
        List<SpecificRecord> states = new ArrayList<>();
        List<SpecificRecord> counts = new ArrayList<>();
        for (int line = 1; line <= 2; line++) {
            for (int press = 1; press <= 4; press++) {
                machineEvents(site + ".assembly.line" + line + ".press" + press, line * 10 + press, states, counts);
            }
        }
        Comparator<SpecificRecord> byTime = Comparator.comparing(OeeCrashIT::timeOf);
        states.sort(byTime);
        counts.sort(byTime);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                backbone.bootstrapServers(), "linger.ms", 20), new StringSerializer(), new ByteArraySerializer());
             AvroSerializer<SpecificRecord> avro = new AvroSerializer<>()) {
            avro.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, backbone.registryUrl()), false);
            for (SpecificRecord state : states) {
                send(producer, avro, topics.machineState().name(), state);
            }
            for (SpecificRecord count : counts) {
                send(producer, avro, topics.productionCount().name(), count);
            }
            producer.flush();
        }
        return states.size() + counts.size();
    }

    private static void send(KafkaProducer<String, byte[]> producer, AvroSerializer<SpecificRecord> avro,
            String topic, SpecificRecord event) {
        String key = event instanceof MachineStateChanged s ? s.getEquipment().getId()
                : ((ProductionCount) event).getEquipment().getId();
        producer.send(new ProducerRecord<>(topic, key, avro.serialize(topic, event)));
    }

    /**
     * A machine's 8 hours, drawn from a fixed seed: stays of running (2-20 min), minor stops
     * (10-90 s), faults (1-15 min), idle (1-10 min) and setup (5-15 min); while running, a count
     * of 1 to 3 good units (and now and then a scrap) every 10 s. Counts fall a few ms off the
     * state changes, so no two events of a machine share an instant.
     */
    private static void machineEvents(String machine, int seed, List<SpecificRecord> states,
            List<SpecificRecord> counts) {
        Random random = new Random(seed);
        EquipmentRef ref = ref(machine);
        long t = START.toEpochMilli() + seed;
        long end = START.plus(SPAN).toEpochMilli();
        long sequence = 0;
        while (t < end) {
            MachineState state = pick(random);
            long stay = stayMillis(state, random);
            states.add(MachineStateChanged.newBuilder().setEquipment(ref).setState(state).setRawState(state.name())
                    .setSourceTimestamp(Instant.ofEpochMilli(t)).setReceiveTimestamp(Instant.ofEpochMilli(t))
                    .setSource(TAG).setSequence(++sequence).build());
            if (state == MachineState.RUNNING) {
                for (long c = t + 10_003; c < t + stay && c < end; c += 10_000) {
                    counts.add(ProductionCount.newBuilder().setEquipment(ref).setGoodQuantity(1 + random.nextInt(3))
                            .setScrapQuantity(random.nextInt(20) == 0 ? 1L : 0L).setReworkQuantity(0L)
                            .setSourceTimestamp(Instant.ofEpochMilli(c)).setReceiveTimestamp(Instant.ofEpochMilli(c))
                            .setSource(TAG).setSequence(++sequence).build());
                }
            }
            t += stay;
        }
    }

    private static MachineState pick(Random random) {
        int draw = random.nextInt(10);
        if (draw < 6) {
            return MachineState.RUNNING;
        }
        return List.of(MachineState.MINOR_STOP, MachineState.FAULT, MachineState.IDLE, MachineState.SETUP)
                .get(draw - 6);
    }

    private static long stayMillis(MachineState state, Random random) {
        long second = 1_000;
        return switch (state) {
            case RUNNING -> (120 + random.nextInt(1_080)) * second;
            case MINOR_STOP -> (10 + random.nextInt(80)) * second;
            case FAULT -> (60 + random.nextInt(840)) * second;
            case IDLE -> (60 + random.nextInt(540)) * second;
            default -> (300 + random.nextInt(600)) * second;
        };
    }

    private static Instant timeOf(SpecificRecord event) {
        return event instanceof MachineStateChanged s ? s.getSourceTimestamp()
                : ((ProductionCount) event).getSourceTimestamp();
    }

    private static EquipmentRef ref(String id) {
        String[] parts = id.split("\\.");
        return EquipmentRef.newBuilder().setId(id).setEnterprise("acme").setSite(parts[0]).setArea(parts[1])
                .setLine(parts[2]).setMachine(parts[3]).build();
    }
}
