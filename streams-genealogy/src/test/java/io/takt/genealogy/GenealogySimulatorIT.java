package io.takt.genealogy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.acquisition.simulator.plant.Lot;
import io.takt.acquisition.simulator.plant.PlantListener;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.testing.KafkaBackbone;

/**
 * The simulator's material flow (raw -> intermediate -> intermediate -> finished over three lines),
 * read over OPC UA by the real edge gateway, into the broker; two streams-genealogy instances share
 * the work. The traces either instance gives must equal the simulator's own record of which lots
 * each lot was made from.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GenealogySimulatorIT {

    private static final Logger LOG = LoggerFactory.getLogger(GenealogySimulatorIT.class);
    private static final String SITE = "gen-sim";
    private static final Duration RUN = Duration.ofMinutes(35);
    // Lots completed in the last minutes of plant time may still be on their way (acquisition and
    // delivery take seconds of real time, minutes of the plant's at 30x): only earlier ones are compared.
    private static final Duration SETTLE = Duration.ofMinutes(5);
    // The gateway samples the OPC UA tags every 250 ms: at 30x that is 7.5 s of plant time, well
    // below the time a lot takes, so no lot change is lost between two samples.
    private static final double SPEED = 30;

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private final Map<String, Lot> completed = new ConcurrentHashMap<>();
    private Instant cutoff;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldTraceEveryLotAsTheSimulatorMadeItOnEitherOfTwoInstances() throws Exception {
        // Given a flow of three lines with small lots and no opening stock, so that finished lots soon have
        // the whole ancestry: raw lots of 60 parts, intermediate lots of 20, finished lots of 10
        PlantSimulator simulator = new PlantSimulator(SimulatorSettings.builder()
                .plant(PlantSettings.builder().seed(11).lines(3).machinesPerLine(3).randomStops(false)
                        .lotSizes(60, 20, 10).openingStockLots(0).build())
                .speed(SPEED).bindHost("localhost").port(0).pkiDirectory(dir.resolve("sim-pki")).build());
        simulator.plant().addListener(new PlantListener() {
            @Override
            public void onTagChanged(String machineId, String tag, Object value, Instant time) {
            }

            @Override
            public void onLotCompleted(Lot lot) {
                completed.put(lot.id(), lot);
            }
        });
        try (ServiceMetrics metrics1 = ServiceMetrics.create("takt-genealogy");
             ServiceMetrics metrics2 = ServiceMetrics.create("takt-genealogy");
             GenealogyService first = GenealogyService.create(config("one"), metrics1).start();
             GenealogyService second = GenealogyService.create(config("two"), metrics2).start()) {
            assertThat(first.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(second.awaitRunning(Duration.ofSeconds(60))).isTrue();

            // When the plant runs 35 simulated minutes through the gateway
            runPlant(simulator);
            Lot finished = lastFinishedWithFullAncestry();
            Lot raw = completedRawAncestorOf(finished);
            LOG.info("{} lots completed; tracing {} back and {} forward", completed.size(), finished.id(), raw);

            // Then both instances work (two partitions, a task each) and both give the simulator's
            // backward trace of the finished lot: every lot it was made from, at any depth
            assertThat(activeTasks(first) + activeTasks(second)).isGreaterThanOrEqualTo(2);
            assertThat(activeTasks(first)).isPositive();
            assertThat(activeTasks(second)).isPositive();
            Set<String> ancestors = ancestorsOf(finished.id());
            for (GenealogyService instance : List.of(first, second)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(traced(instance, finished.id(), "backward")).isEqualTo(ancestors));
            }
            // And the forward trace of a raw lot: every completed lot made from it, and besides those
            // only lots still being filled
            Set<String> descendants = descendantsOf(raw.id());
            descendants.remove(raw.id());
            Set<String> settled = settledLots();
            descendants.retainAll(settled);
            for (GenealogyService instance : List.of(first, second)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Set<String> traced = traced(instance, raw.id(), "forward");
                    Set<String> tracedSettled = new HashSet<>(traced);
                    tracedSettled.retainAll(settled);
                    assertThat(tracedSettled).isEqualTo(descendants);
                    traced.removeAll(completed.keySet());
                    traced.remove(raw.id());
                    for (String open : traced) {
                        assertThat(get(instance, "/api/lots/" + open).get("producedUntil").isNull())
                                .as(open + " is still being filled").isTrue();
                    }
                });
            }
        }
    }

    private void runPlant(PlantSimulator simulator) throws Exception {
        try (simulator) {
            simulator.start();
            Instant until = simulator.plant().now().plus(RUN);
            cutoff = until.minus(SETTLE);
            Path tagMap = SimulatorTagMap.write(simulator, "gw-gen", SITE, dir.resolve("gateway/tagmap.yaml"));
            try (EdgeGateway gateway = EdgeGateway.create(gatewayConfig(tagMap), new SimpleMeterRegistry()).start()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (simulator.plant().now().isBefore(until)) {
                    assertThat(System.nanoTime()).as("simulated time reaches " + until).isLessThan(deadline);
                    Thread.sleep(200);
                }
                // The gateway delivers what it read before it stops
                Thread.sleep(2000);
            }
        }
    }

    /** The newest finished lot, completed before the cutoff, whose ancestry reaches raw lots. */
    private Lot lastFinishedWithFullAncestry() {
        List<Lot> finished = new ArrayList<>(completed.values().stream().filter(l -> l.id().startsWith("FG-"))
                .filter(l -> l.completed().isBefore(cutoff))
                .filter(l -> ancestorsOf(l.id()).stream().anyMatch(a -> a.startsWith("RAW-"))).toList());
        finished.sort((a, b) -> b.completed().compareTo(a.completed()));
        assertThat(finished).as("finished lots made from raw lots, of " + completed.keySet()).isNotEmpty();
        return finished.get(0);
    }

    /** Lots the simulator completed before the cutoff. */
    private Set<String> settledLots() {
        Set<String> settled = new HashSet<>();
        completed.values().stream().filter(l -> l.completed().isBefore(cutoff)).forEach(l -> settled.add(l.id()));
        return settled;
    }

    private Lot completedRawAncestorOf(Lot finished) {
        String raw = ancestorsOf(finished.id()).stream().filter(a -> a.startsWith("RAW-")).sorted().findFirst()
                .orElseThrow();
        return new Lot(raw, "STEEL-COIL", "", 0, List.of(), Instant.EPOCH);
    }

    /** The lot and every lot it was made from, by the simulator's record. */
    private Set<String> ancestorsOf(String lotId) {
        Set<String> found = new LinkedHashSet<>();
        List<String> next = new ArrayList<>(List.of(lotId));
        while (!next.isEmpty()) {
            String lot = next.remove(0);
            if (found.add(lot) && completed.containsKey(lot)) {
                next.addAll(completed.get(lot).sources());
            }
        }
        return found;
    }

    /** The lot and every completed lot made from it, by the simulator's record. */
    private Set<String> descendantsOf(String lotId) {
        Set<String> found = new LinkedHashSet<>(List.of(lotId));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Lot lot : completed.values()) {
                if (!found.contains(lot.id()) && lot.sources().stream().anyMatch(found::contains)) {
                    found.add(lot.id());
                    grew = true;
                }
            }
        }
        return found;
    }

    private Set<String> traced(GenealogyService instance, String lotId, String direction) throws Exception {
        JsonNode trace = get(instance, "/api/lots/" + lotId + "/trace?direction=" + direction + "&depth=50");
        Set<String> lots = new LinkedHashSet<>();
        trace.get("nodes").forEach(node -> lots.add(node.get("lotId").asText()));
        return lots;
    }

    private JsonNode get(GenealogyService instance, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(instance.url() + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static int activeTasks(GenealogyService instance) {
        return instance.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    private TaktConfig config(String instance) {
        return GenealogySettings.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                "kafka.bootstrap.servers", backbone.bootstrapServers(),
                "schema.registry.url", backbone.registryUrl(),
                "site", SITE, "topics.partitions", "2", "topics.replication.factor", "1",
                GenealogySettings.STATE_DIR.name(), dir.resolve("genealogy-" + instance).toString(),
                GenealogySettings.HTTP_HOST.name(), "localhost", GenealogySettings.HTTP_PORT.name(), "0",
                // Movements of a station reach it over two partitions, a commit apart: at 30x a second
                // of real time is 30 s of the plant's
                GenealogySettings.REORDER_WINDOW.name(), "5m",
                "kafka.streams.consumer.session.timeout.ms", "10000")).build());
    }

    private TaktConfig gatewayConfig(Path tagMap) {
        return EdgeGateway.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                EdgeGateway.TAG_MAP.name(), tagMap.toString(),
                EdgeGateway.STATE_DIR.name(), dir.resolve("gateway").toString(),
                "buffer.dir", dir.resolve("gateway/buffer").toString(),
                "topics.partitions", "2", "topics.replication.factor", "1",
                PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), backbone.bootstrapServers(),
                PlatformConfig.SCHEMA_REGISTRY_URL.name(), backbone.registryUrl())).build());
    }
}
