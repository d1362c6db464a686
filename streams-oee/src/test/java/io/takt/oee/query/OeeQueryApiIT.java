package io.takt.oee.query;

import static io.takt.oee.query.PlantRecords.kpi;
import static io.takt.oee.query.PlantRecords.machine;
import static io.takt.oee.query.PlantRecords.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.oee.EquipmentPartitioner;
import io.takt.oee.OeeStores;
import io.takt.oee.topology.OeeSerdes;
import io.takt.oee.topology.OeeTopology;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;

/**
 * Two instances of one Kafka Streams app, each with its own query endpoint, holding the three OEE
 * stores split between them: every query gives the same answer at either instance.
 */
@Tag("integration")
@Timeout(120)
class OeeQueryApiIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    private static final String APP = "takt-oee-query-it";
    private static final int PARTITIONS = 2;
    private static final String KPI_IN = "it.oee-kpi.in";
    private static final String LIVE_IN = "it.oee-live.in";
    private static final String DOWNTIME_IN = "it.oee-downtime.in";

    private static final String LINE2 = "site1.assembly.line2";
    // Partitions of 2 (murmur2 of the id): press1, press2 -> 1; press8, pack2, weld1, line2 itself -> 0.
    private static final EquipmentRef PRESS1 = machine("assembly", "line2", "press1");
    private static final EquipmentRef PRESS2 = machine("assembly", "line2", "press2");
    private static final EquipmentRef PRESS8 = machine("assembly", "line2", "press8");
    private static final EquipmentRef PACK2 = machine("assembly", "line2", "pack2");
    private static final EquipmentRef WELD1 = machine("assembly", "line9", "weld1");
    private static final List<EquipmentRef> MACHINES = List.of(PRESS1, PRESS2, PRESS8, PACK2, WELD1);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path stateDir;

    private static final List<Instance> instances = new ArrayList<>();

    /** One app instance: Kafka Streams and its query endpoint, advertised as localhost:port. */
    private record Instance(KafkaStreams streams, ServiceEndpoint endpoint, ServiceMetrics metrics, HostInfo host)
            implements AutoCloseable {

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(10));
            endpoint.close();
            metrics.close();
        }
    }

    @BeforeAll
    static void startTwoInstancesAndLoadTheStores() throws Exception {
        try (Admin admin = backbone.admin()) {
            admin.createTopics(List.of(KPI_IN, LIVE_IN, DOWNTIME_IN).stream()
                    .map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList()).all().get();
        }
        instances.add(start("a"));
        instances.add(start("b"));
        await().atMost(Duration.ofSeconds(40)).until(() -> instances.stream()
                .allMatch(i -> i.streams().state() == KafkaStreams.State.RUNNING));
        produce();
        // Both instances list every equipment once all three stores are loaded on both sides.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            for (Instance instance : instances) {
                assertThat(get(instance, "/api/equipment").statusCode()).isEqualTo(200);
                assertThat(json(get(instance, "/api/equipment"))).hasSize(MACHINES.size() + 1);
                assertThat(json(get(instance, "/api/downtime?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z")))
                        .hasSize(7);
                assertThat(json(get(instance, "/api/oee/" + LINE2 + "?window=hour&from=2026-11-25T06:00:00Z"
                        + "&to=2026-11-25T10:00:00Z"))).hasSize(4);
            }
        });
    }

    @AfterAll
    static void stopInstances() {
        instances.forEach(Instance::close);
    }

    @Test
    void shouldSplitEveryStoreBetweenTheTwoInstances() {
        // Given the keys of press1 (partition 1) and press8 (partition 0), Then each store has them on
        // different instances, so the other tests really cross from one instance to the other
        for (String store : List.of(OeeStores.KPI, OeeStores.LIVE, OeeStores.DOWNTIME)) {
            HostInfo press1Owner = owner(store, PRESS1.getId());
            HostInfo press8Owner = owner(store, PRESS8.getId());
            assertThat(press1Owner).as("owners in %s", store).isNotEqualTo(press8Owner);
        }
    }

    @Test
    void shouldAnswerTheLiveRecordOfAnyEquipmentAtEitherInstance() throws Exception {
        for (EquipmentRef machine : MACHINES) {
            // When each instance is asked for the machine's live record
            List<JsonNode> answers = new ArrayList<>();
            for (Instance instance : instances) {
                HttpResponse<String> response = get(instance, "/api/oee/" + machine.getId() + "/live");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                answers.add(JSON.readTree(response.body()));
            }
            // Then both give the owner's record: the same, with the state produced for it
            assertThat(answers.get(0)).isEqualTo(answers.get(1));
            assertThat(answers.get(0).get("equipmentId").asText()).isEqualTo(machine.getId());
            assertThat(answers.get(0).get("currentState").asText()).isEqualTo(liveState(machine).name());
            assertThat(answers.get(0).get("currentStateSince").asText()).isEqualTo("2026-11-25T09:30:00Z");
        }
    }

    @Test
    void shouldListTheHourWindowsInThePeriodOldestFirstAtEitherInstance() throws Exception {
        for (String id : List.of(PRESS1.getId(), PRESS8.getId(), LINE2)) {
            // When asked for hours from 06:00 to 09:00 (windows at 06, 07, 08, 09 and a minute at 06:00 exist)
            String path = "/api/oee/" + id + "?window=hour&from=2026-11-25T06:00:00Z&to=2026-11-25T09:00:00Z";
            JsonNode atA = json(get(instances.get(0), path));
            JsonNode atB = json(get(instances.get(1), path));

            // Then both answer 06:00, 07:00, 08:00 (09:00 is not before 'to'; the minute is another kind)
            assertThat(atA).isEqualTo(atB);
            assertThat(starts(atA)).containsExactly("2026-11-25T06:00:00Z", "2026-11-25T07:00:00Z",
                    "2026-11-25T08:00:00Z");
            assertThat(atA.get(0).get("windowKind").asText()).isEqualTo("HOUR");
            // APT of the 07:00 window is 3,000,000 ms of 3,600,000: availability 3.0/3.6 = 0.8333...
            assertThat(atA.get(1).get("availability").asDouble()).isEqualTo(3_000_000.0 / 3_600_000.0);
        }
    }

    @Test
    void shouldGatherTheEquipmentListOfAllInstances() throws Exception {
        // When each instance is asked for the equipment
        JsonNode atA = json(get(instances.get(0), "/api/equipment"));
        JsonNode atB = json(get(instances.get(1), "/api/equipment"));

        // Then both list the line roll-up and the five machines from both instances, sorted by id
        assertThat(atA).isEqualTo(atB);
        List<String> ids = new ArrayList<>();
        atA.forEach(row -> ids.add(row.get("equipmentId").asText()));
        assertThat(ids).containsExactly(LINE2, PACK2.getId(), PRESS1.getId(), PRESS2.getId(), PRESS8.getId(),
                WELD1.getId());
        assertThat(atA.get(0).get("level").asText()).isEqualTo("LINE");
        assertThat(atA.get(0).get("currentState").isNull()).isTrue();
        assertThat(atA.get(1).get("currentState").asText()).isEqualTo(liveState(PACK2).name());
    }

    @Test
    void shouldGatherTheStopsOfALineNewestFirstAtEitherInstance() throws Exception {
        // When asked for line2's stops starting in [06:00, 08:00)
        String path = "/api/downtime?line=" + LINE2 + "&from=2026-11-25T06:00:00Z&to=2026-11-25T08:00:00Z";
        JsonNode atA = json(get(instances.get(0), path));
        JsonNode atB = json(get(instances.get(1), path));

        // Then both list press2 07:50, pack2 07:30 and 07:00, press1 06:40 and 06:10 (press8 05:50
        // started before 'from'; weld1 is on line9)
        assertThat(atA).isEqualTo(atB);
        assertThat(stops(atA)).containsExactly(
                PRESS2.getMachine() + "@2026-11-25T07:50:00Z", PACK2.getMachine() + "@2026-11-25T07:30:00Z",
                PACK2.getMachine() + "@2026-11-25T07:00:00Z", PRESS1.getMachine() + "@2026-11-25T06:40:00Z",
                PRESS1.getMachine() + "@2026-11-25T06:10:00Z");

        // And with state=FAULT, minor=false and limit=1 only the newest long fault is left: press2 07:50
        JsonNode faults = json(get(instances.get(1), path + "&state=FAULT&minor=false&limit=1"));
        assertThat(stops(faults)).containsExactly(PRESS2.getMachine() + "@2026-11-25T07:50:00Z");

        // And for one machine, owned by either instance, its own stops
        for (Instance instance : instances) {
            JsonNode press8 = json(get(instance, "/api/downtime?equipment=" + PRESS8.getId()
                    + "&from=2026-11-25T05:00:00Z&to=2026-11-25T08:00:00Z"));
            assertThat(stops(press8)).containsExactly(PRESS8.getMachine() + "@2026-11-25T05:50:00Z");
        }
    }

    @Test
    void shouldComputeTheLossParetoOfALineOverBothInstances() throws Exception {
        // When asked for line2's Pareto over [06:00, 08:00)
        String path = "/api/pareto?line=" + LINE2 + "&from=2026-11-25T06:00:00Z&to=2026-11-25T08:00:00Z";
        JsonNode atA = json(get(instances.get(0), path));
        JsonNode atB = json(get(instances.get(1), path));

        // Then JAM = press1 20 min + press1 1 min + press2 10 min (07:50-08:00 of 07:50-08:20) = 31 min
        // = 1,860,000 ms in 3 stops; CHANGEOVER = pack2 15 min = 900,000 ms; STARVED (no reason code) =
        // press8 06:00-06:15 of 05:50-06:15 = 900,000 ms; pack2's planned BREAK is left out.
        // Total 1,860,000 + 900,000 + 900,000 = 3,660,000 ms in 5 stops.
        assertThat(atA).isEqualTo(atB);
        assertThat(atA.get("totalLostMillis").asLong()).isEqualTo(3_660_000L);
        assertThat(atA.get("totalStops").asLong()).isEqualTo(5L);
        assertThat(losses(atA)).containsExactly("JAM=1860000/3", "CHANGEOVER=900000/1", "STARVED=900000/1");
        assertThat(atA.at("/losses/0/share").asDouble()).isEqualTo(1_860_000.0 / 3_660_000.0);

        // And with planned=true and top=1: BREAK's 10 min = 600,000 ms joins the total
        // (3,660,000 + 600,000 = 4,260,000 ms) but only JAM is listed
        JsonNode planned = json(get(instances.get(1), path + "&planned=true&top=1"));
        assertThat(planned.get("totalLostMillis").asLong()).isEqualTo(4_260_000L);
        assertThat(losses(planned)).containsExactly("JAM=1860000/3");
        assertThat(planned.at("/losses/0/share").asDouble()).isEqualTo(1_860_000.0 / 4_260_000.0);

        // And by shift id: line 2's early shift is 06:00-08:00, so the same Pareto, at either instance
        for (Instance instance : instances) {
            assertThat(json(get(instance, "/api/pareto?line=" + LINE2 + "&shift=2026-11-25/early"))).isEqualTo(atA);
        }

        // And for press1 alone, at either instance: JAM 20 + 1 min = 1,260,000 ms in 2 stops
        for (Instance instance : instances) {
            JsonNode press1 = json(get(instance, "/api/pareto?equipment=" + PRESS1.getId()
                    + "&from=2026-11-25T06:00:00Z&to=2026-11-25T08:00:00Z"));
            assertThat(losses(press1)).containsExactly("JAM=1260000/2");
        }
    }

    @Test
    void shouldServeItsOpenApiDescription() throws Exception {
        HttpResponse<String> response = get(instances.get(0), "/api/openapi.yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: 3.1.0").contains("/api/pareto:");
    }

    @Test
    void shouldAnswer404ForUnknownEquipmentAtEitherInstance() throws Exception {
        for (Instance instance : instances) {
            HttpResponse<String> response = get(instance, "/api/oee/site1.assembly.line2.nosuch/live");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).get("error").asText()).contains("site1.assembly.line2.nosuch");
        }
    }

    @Test
    void shouldAnswerAForwardedRequestLocallyWithoutForwardingAgain() throws Exception {
        // Given the instance that does not own press1's live record
        HostInfo owner = owner(OeeStores.LIVE, PRESS1.getId());
        Instance other = instances.stream().filter(i -> !i.host().equals(owner)).findFirst().orElseThrow();

        // When it is asked with the local-query header
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(other, "/api/oee/" + PRESS1.getId()
                        + "/live")).header(PeerInstances.LOCAL_HEADER, "true").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // Then it answers from its own store, where press1 is not
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400NamingTheBadParameter() throws Exception {
        Map<String, String> badRequests = Map.of(
                "/api/oee/" + PRESS1.getId() + "?window=week", "window",
                "/api/downtime?line=" + LINE2 + "&limit=many", "limit",
                "/api/pareto?from=yesterday", "from",
                "/api/pareto?shift=2026-11-25/early", "shift",
                "/api/pareto?line=" + LINE2 + "&shift=early", "shift",
                "/api/downtime?equipment=" + PRESS1.getId() + "&line=" + LINE2, "line",
                "/api/equipment?site=site1", "site");
        for (Map.Entry<String, String> bad : badRequests.entrySet()) {
            for (Instance instance : instances) {
                HttpResponse<String> response = get(instance, bad.getKey());
                assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
                JsonNode error = JSON.readTree(response.body());
                assertThat(error.get("parameter").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
                assertThat(error.get("error").asText()).isNotBlank();
            }
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheStoresAreNotQueryable() throws Exception {
        // Given an instance whose Kafka Streams is created but not started
        HostInfo host = new HostInfo("localhost", freePort());
        try (Instance idle = instance("idle", host)) {
            // When asked anything
            for (String path : List.of("/api/equipment", "/api/oee/" + PRESS1.getId() + "/live")) {
                HttpResponse<String> response = get(idle, path);

                // Then 503, a Retry-After and a JSON error instead of a stack trace
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
                assertThat(JSON.readTree(response.body()).get("error").asText()).contains("CREATED");
            }
        }
    }

    private static Instance start(String name) throws IOException {
        Instance instance = instance(name, new HostInfo("localhost", freePort()));
        instance.streams().start();
        return instance;
    }

    private static Instance instance(String name, HostInfo host) {
        ServiceMetrics metrics = ServiceMetrics.create("oee-query-it-" + name);
        KafkaStreams streams = new KafkaStreams(storesTopology(), streamsProps(name, host));
        ServiceEndpoint.Builder builder = ServiceEndpoint.builder(metrics).host("localhost").port(host.port());
        OeeQueryApi.register(builder, streams, serdes(), host);
        return new Instance(streams, builder.build().start(), metrics, host);
    }

    /** A stand-in for the OEE topology: the three stores, loaded from three input topics as they are. */
    private static Topology storesTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        OeeTopology.queryTable(builder, KPI_IN, OeeStores.KPI, "kpi-in");
        OeeTopology.queryTable(builder, LIVE_IN, OeeStores.LIVE, "live-in");
        OeeTopology.queryTable(builder, DOWNTIME_IN, OeeStores.DOWNTIME, "downtime-in");
        return builder.build();
    }

    private static Properties streamsProps(String name, HostInfo host) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Empty stores are "caught up" everywhere, so the assignor splits the tasks at once, no warm-up.
        props.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, Long.MAX_VALUE);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    /** The serdes the query API decodes the stores' bytes with, on the backbone's registry. */
    private static OeeSerdes serdes() {
        return OeeSerdes.on(new RestSchemaRegistryClient(backbone.registryUrl()));
    }

    private static <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return TaktSerdes.specific(type, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, backbone.registryUrl()), false);
    }

    private static void produce() throws Exception {
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
        for (String id : List.of(PRESS1.getId(), PRESS8.getId(), LINE2)) {
            EquipmentLevel level = id.equals(LINE2) ? EquipmentLevel.LINE : EquipmentLevel.MACHINE;
            for (String hour : List.of("06", "07", "08", "09")) {
                // APT 3,000,000 ms in every hour
                OeeKpi window = kpi(id, level, WindowKind.HOUR, "2026-11-25T" + hour + ":00:00Z",
                        Duration.ofHours(1), 3_000_000L);
                records.add(record(KPI_IN, OeeStores.kpiKey(id, WindowKind.HOUR,
                        window.getWindowStart().toEpochMilli()), window));
            }
            OeeKpi minute = kpi(id, level, WindowKind.MINUTE, "2026-11-25T06:00:00Z", Duration.ofMinutes(1), 60_000L);
            records.add(record(KPI_IN, OeeStores.kpiKey(id, WindowKind.MINUTE,
                    minute.getWindowStart().toEpochMilli()), minute));
        }
        // A short early shift of line 2, 06:00-08:00, for Pareto by shift
        OeeKpi shift = OeeKpi.newBuilder(kpi(LINE2, EquipmentLevel.LINE, WindowKind.SHIFT, "2026-11-25T06:00:00Z",
                Duration.ofHours(2), 6_000_000L)).setShiftId("2026-11-25/early").build();
        records.add(record(KPI_IN, OeeStores.kpiKey(LINE2, WindowKind.SHIFT, shift.getWindowStart().toEpochMilli()),
                shift));
        for (EquipmentRef machine : MACHINES) {
            records.add(record(LIVE_IN, machine.getId(), live(machine.getId(), EquipmentLevel.MACHINE, liveState(machine))));
        }
        records.add(record(LIVE_IN, LINE2, live(LINE2, EquipmentLevel.LINE, null)));
        List<DowntimeEvent> stops = List.of(
                stop(PRESS1, MachineState.FAULT, "JAM", "2026-11-25T06:10:00Z", Duration.ofMinutes(20)),
                stop(PRESS1, MachineState.FAULT, "JAM", "2026-11-25T06:40:00Z", Duration.ofMinutes(1)),
                stop(PRESS2, MachineState.FAULT, "JAM", "2026-11-25T07:50:00Z", Duration.ofMinutes(30)),
                stop(PRESS8, MachineState.STARVED, null, "2026-11-25T05:50:00Z", Duration.ofMinutes(25)),
                stop(PACK2, MachineState.SETUP, "CHANGEOVER", "2026-11-25T07:00:00Z", Duration.ofMinutes(15)),
                stop(PACK2, MachineState.PLANNED_STOP, "BREAK", "2026-11-25T07:30:00Z", Duration.ofMinutes(10)),
                stop(WELD1, MachineState.FAULT, "JAM", "2026-11-25T06:20:00Z", Duration.ofMinutes(60)));
        for (DowntimeEvent stop : stops) {
            records.add(record(DOWNTIME_IN, OeeStores.downtimeKey(stop.getEquipment().getId(),
                    stop.getStart().toEpochMilli()), stop));
        }
        Map<String, Object> config = Map.of("bootstrap.servers", backbone.bootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new RecordSerializer())) {
            for (ProducerRecord<String, SpecificRecord> record : records) {
                producer.send(record).get();
            }
        }
    }

    /** Serializes each record with the Avro serde of its own type. */
    private static final class RecordSerializer implements Serializer<SpecificRecord> {
        private final Map<Class<?>, Serde<SpecificRecord>> serdes = new HashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public byte[] serialize(String topic, SpecificRecord value) {
            return serdes.computeIfAbsent(value.getClass(), type -> serde((Class<SpecificRecord>) type))
                    .serializer().serialize(topic, value);
        }

        @Override
        public void close() {
            serdes.values().forEach(Serde::close);
        }
    }

    /** The record on the partition EquipmentPartitioner gives its key, as the OEE topology writes it. */
    private static ProducerRecord<String, SpecificRecord> record(String topic, String key, SpecificRecord value) {
        return new ProducerRecord<>(topic, EquipmentPartitioner.partition(key, PARTITIONS), key, value);
    }

    private static MachineState liveState(EquipmentRef machine) {
        return machine.equals(PRESS1) || machine.equals(PRESS8) ? MachineState.RUNNING : MachineState.FAULT;
    }

    private static OeeKpi live(String id, EquipmentLevel level, MachineState state) {
        OeeKpi shift = kpi(id, level, WindowKind.SHIFT, "2026-11-25T06:00:00Z", Duration.ofHours(8), 10_000_000L);
        return OeeKpi.newBuilder(shift)
                .setCurrentState(state)
                .setCurrentStateSince(state == null ? null : java.time.Instant.parse("2026-11-25T09:30:00Z"))
                .build();
    }

    private static HostInfo owner(String store, String equipmentId) {
        return instances.get(0).streams().queryMetadataForKey(store, equipmentId, new EquipmentPartitioner<>())
                .activeHost();
    }

    private static HttpResponse<String> get(Instance instance, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(instance, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(Instance instance, String path) {
        return URI.create("http://localhost:" + instance.host().port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> starts(JsonNode windows) {
        List<String> starts = new ArrayList<>();
        windows.forEach(window -> starts.add(window.get("windowStart").asText()));
        return starts;
    }

    private static List<String> stops(JsonNode stops) {
        List<String> listed = new ArrayList<>();
        stops.forEach(stop -> listed.add(stop.at("/equipment/machine").asText() + "@" + stop.get("start").asText()));
        return listed;
    }

    private static List<String> losses(JsonNode pareto) {
        List<String> listed = new ArrayList<>();
        pareto.get("losses").forEach(loss -> listed.add(loss.get("reason").asText() + "="
                + loss.get("lostMillis").asLong() + "/" + loss.get("stops").asLong()));
        return listed;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
