package io.takt.dashboard;

import static io.takt.dashboard.testing.PlantRecords.liveMachine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.dashboard.testing.PlantRecords;
import io.takt.dashboard.testing.TopicWriter;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.AvroSerializer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentRef;

/** The dashboard service on a real broker and registry: the snapshot, the live event stream, the proxy refusal. */
@Tag("integration")
@Timeout(120)
class DashboardIT {

    private static final String SITE = "dash-it";

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldServeThePlantFromTheTopicsAndPushAChangeWithinASecond() throws Exception {
        TopicCatalogue topics = backbone.provisionSite(SITE);
        SamplePlant plant = new SamplePlant(SITE);
        try (TopicWriter writer = new TopicWriter(backbone.bootstrapServers(), backbone.registryUrl());
             ServiceMetrics metrics = ServiceMetrics.create("takt-dashboard");
             DashboardService dashboard = DashboardService.create(config(), metrics).start()) {
            // Given the sample plant on the topics
            plant.write(writer, topics);
            assertThat(dashboard.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();

            // Then the snapshot holds each machine's live figures exactly as produced
            JsonNode snapshot = awaitSnapshot(dashboard, s -> s.get("workOrders").get("confirmationCount").asInt() == 6
                    && s.get("oee").size() == 11 && s.get("downtime").get("stops").size() == 7);
            assertThat(snapshot.get("site").asText()).isEqualTo(SITE);
            assertThat(snapshot.get("traceConfigured").asBoolean()).isFalse();
            for (SamplePlant.Machine m : plant.machines.values()) {
                JsonNode live = snapshot.get("oee").get(m.ref().getId());
                assertThat(number(live.get("oee"))).as(m.ref().getId()).isEqualTo(m.oee());
                assertThat(number(live.get("availability"))).isEqualTo(m.availability());
                assertThat(number(live.get("performance"))).isEqualTo(m.performance());
                assertThat(number(live.get("quality"))).isEqualTo(m.quality());
                JsonNode state = snapshot.get("machines").get(m.ref().getId());
                assertThat(state.get("state").asText()).isEqualTo(m.state().name());
                assertThat(state.get("line").asText()).isEqualTo(m.ref().getLine());
            }
            assertThat(snapshot.get("oee").get(plant.line1).get("oee").asDouble()).isEqualTo(0.6876);
            assertThat(snapshot.get("oee").get(plant.line1).get("members").asInt()).isEqualTo(4);
            // And a null ratio stays null (cnc2 has had no planned busy time)
            assertThat(snapshot.get("oee").get(plant.ref("cnc2").getId()).get("oee").isNull()).isTrue();
            // And the trend holds one point per minute since the shift began
            long minutes = Duration.between(plant.shiftStart, plant.now).toMinutes();
            assertThat(snapshot.get("trends").get(plant.ref("press1").getId()).size()).isEqualTo((int) minutes);
            // And the Pareto as worked out in SamplePlant, the pre-shift overhaul left out
            JsonNode pareto = snapshot.get("downtime").get("pareto");
            assertThat(pareto).hasSize(SamplePlant.PARETO.size());
            for (int i = 0; i < SamplePlant.PARETO.size(); i++) {
                Object[] bar = SamplePlant.PARETO.get(i);
                assertThat(pareto.get(i).get("reason").asText()).isEqualTo(bar[0]);
                assertThat(pareto.get(i).get("durationMillis").asLong()).isEqualTo(bar[1]);
                assertThat(pareto.get(i).get("stops").asInt()).isEqualTo(bar[2]);
            }
            // And the stop list newest first: press2's ongoing JAM (4 min ago) on top
            JsonNode newest = snapshot.get("downtime").get("stops").get(0);
            assertThat(newest.get("reasonCode").asText()).isEqualTo("JAM");
            assertThat(newest.get("end").isNull()).isTrue();
            // And the work orders, in progress first (latest change first: 4500018 changed 20 min ago,
            // 4500017 30 min ago), with progress as worked out in SamplePlant
            JsonNode orders = snapshot.get("workOrders").get("orders");
            assertThat(orders).extracting(o -> o.get("workOrderId").asText())
                    .containsExactly("4500018", "4500017", "4500019", "4500012");
            orders.forEach(o -> assertThat(o.get("progress").asDouble()).as(o.get("workOrderId").asText())
                    .isEqualTo(SamplePlant.PROGRESS.get(o.get("workOrderId").asText())));

            // When a browser listens and press1's live OEE changes
            try (EventStream events = EventStream.open(dashboard.url().resolve("/api/events"))) {
                JsonNode first = events.next(Duration.ofSeconds(5));
                assertThat(first.get("event").asText()).isEqualTo("snapshot");
                SamplePlant.Machine press1 = plant.machines.get("press1");
                long sent = System.nanoTime();
                writer.sendNow(topics.oeeLive().name(), press1.ref().getId(),
                        liveMachine(press1.ref(), plant.shiftStart, 0.8231, 0.91, 0.93, 0.9726));
                // Then an update carries it within a second of the record being on the topic
                JsonNode update = events.nextMatching(Duration.ofSeconds(1),
                        e -> e.get("data").path("oee").has(press1.ref().getId()));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                assertThat(millis).isLessThan(1000);
                assertThat(update.get("event").asText()).isEqualTo("update");
                assertThat(update.get("data").get("oee").get(press1.ref().getId()).get("oee").asDouble())
                        .isEqualTo(0.8231);
                assertThat(scrape(dashboard)).contains("takt_dashboard_sse_clients{service=\"takt-dashboard\"} 1.0");
            }

            // And the trace search says it is not configured, naming the key
            HttpResponse<String> trace = get(dashboard.url().resolve("/api/trace/FG-1?direction=backward"));
            assertThat(trace.statusCode()).isEqualTo(503);
            assertThat(trace.body()).contains("dashboard.genealogy.url");

            // And the page and its assets are served with their types; nothing else is
            HttpResponse<String> page = get(dashboard.url().resolve("/"));
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("/assets/app.js");
            assertThat(get(dashboard.url().resolve("/assets/app.js")).headers().firstValue("Content-Type")
                    .orElseThrow()).startsWith("text/javascript");
            assertThat(get(dashboard.url().resolve("/assets/style.css")).headers().firstValue("Content-Type")
                    .orElseThrow()).startsWith("text/css");
            assertThat(get(dashboard.url().resolve("/assets/logback-test.xml")).statusCode()).isEqualTo(404);

            // And the meters count what was read, per topic
            assertThat(scrape(dashboard)).contains("takt_dashboard_records_read_total{service=\"takt-dashboard\","
                    + "topic=\"" + topics.workOrder().name() + "\"} 4.0");
            assertThat(get(dashboard.url().resolve("/ready")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldNeverShowARecordOfAnAbortedTransaction() throws Exception {
        String site = "dash-aborted";
        TopicCatalogue topics = backbone.provisionSite(site);
        EquipmentRef aborted = PlantRecords.machine(site, "line1", "press1");
        EquipmentRef committed = PlantRecords.machine(site, "line1", "press2");
        Instant shift = Instant.parse("2026-11-26T06:00:00Z");
        try (ServiceMetrics metrics = ServiceMetrics.create("takt-dashboard");
             DashboardService dashboard = DashboardService.create(config(site), metrics).start();
             KafkaProducer<String, SpecificRecord> producer = transactionalProducer()) {
            // Given a live OEE record written in a transaction the OEE app then aborted (as after a crash),
            // and after it, in the same partition, one of a committed transaction
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.oeeLive().name(), 0, aborted.getId(),
                    liveMachine(aborted, shift, 0.99, 0.99, 1.0, 1.0))).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.oeeLive().name(), 0, committed.getId(),
                    liveMachine(committed, shift, 0.5, 0.5, 1.0, 1.0)));
            producer.commitTransaction();

            // When the dashboard has read past both
            JsonNode snapshot = awaitSnapshot(dashboard, s -> s.get("oee").has(committed.getId()));

            // Then it shows the committed record and never the aborted one
            assertThat(number(snapshot.get("oee").get(committed.getId()).get("oee"))).isEqualTo(0.5);
            assertThat(snapshot.get("oee").has(aborted.getId())).isFalse();
        }
    }

    private KafkaProducer<String, SpecificRecord> transactionalProducer() {
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, backbone.registryUrl()), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dashboard-it-oee"), new StringSerializer(), values);
    }

    private io.takt.platform.config.TaktConfig config() {
        return config(SITE);
    }

    private io.takt.platform.config.TaktConfig config(String site) {
        return DashboardSettings.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                "kafka.bootstrap.servers", backbone.bootstrapServers(), "schema.registry.url", backbone.registryUrl(),
                "site", site, "topics.partitions", "1", "topics.replication.factor", "1",
                DashboardSettings.HTTP_PORT.name(), "0")).build());
    }

    private JsonNode awaitSnapshot(DashboardService dashboard, java.util.function.Predicate<JsonNode> complete)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode snapshot = json.readTree(get(dashboard.url().resolve("/api/snapshot")).body());
        while (!complete.test(snapshot) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            snapshot = json.readTree(get(dashboard.url().resolve("/api/snapshot")).body());
        }
        return snapshot;
    }

    private String scrape(DashboardService dashboard) throws Exception {
        return get(dashboard.url().resolve("/metrics")).body();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    /** A Server-Sent Events reader: each event as {"event": name, "data": parsed JSON}. */
    private static final class EventStream implements AutoCloseable {
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final HttpClient client = HttpClient.newHttpClient();
        private final Thread reader;
        private final ObjectMapper json = new ObjectMapper();
        private volatile java.io.InputStream body;

        private EventStream(URI uri) {
            reader = new Thread(() -> read(uri), "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(URI uri) {
            return new EventStream(uri);
        }

        private void read(URI uri) {
            try {
                HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(uri)
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else if (line.isEmpty() && event != null) {
                        events.add(json.createObjectNode().put("event", event).set("data", json.readTree(data.toString())));
                        event = null;
                        data.setLength(0);
                    }
                }
            } catch (Exception e) {
                // the test closed the stream
            }
        }

        JsonNode next(Duration timeout) throws InterruptedException {
            JsonNode event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + timeout).isNotNull();
            return event;
        }

        JsonNode nextMatching(Duration timeout, java.util.function.Predicate<JsonNode> wanted)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                assertThat(event).as("a matching event within " + timeout).isNotNull();
                if (wanted.test(event)) {
                    return event;
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            if (body != null) {
                body.close();
            }
            reader.interrupt();
        }
    }
}
