package io.takt.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;

import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.platform.config.ConfigSources;
import io.takt.oee.OeeService;
import io.takt.oee.OeeSettings;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.topic.ProvisioningReport;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;
import io.takt.platform.topic.TopicSpec;
import io.takt.schemas.EventContracts;

/**
 * The Takt backbone on embedded defaults, in this process: a Kafka broker, the schema registry,
 * a site's topics with the event schemas registered, the plant simulator, the edge gateway
 * reading it, and the OEE stream app with its query API. {@code takt demo} runs it; the integration tests start it the same way.
 */
final class LocalBackbone implements AutoCloseable {

    /**
     * @param dataDir      where everything keeps its data (kept between runs)
     * @param kafkaPort    broker client port; 0 picks a free one
     * @param registryPort registry HTTP port; 0 picks a free one
     * @param opcuaPort    the simulator's OPC UA port; 0 picks a free one
     * @param httpPort     the gateway's /metrics, /health and /ready; 0 picks a free one
     * @param oeePort      the OEE app's query API and /metrics; 0 picks a free one
     * @param site         site whose topics are created
     * @param speed        simulated seconds per second
     */
    record Settings(Path dataDir, int kafkaPort, int registryPort, int opcuaPort, int httpPort, int oeePort,
            String site, double speed) {
        Settings {
            dataDir = dataDir.toAbsolutePath();
        }
    }

    /** What the start-up did, for the operator. */
    record Started(String bootstrapServers, String registryUrl, ProvisioningReport topics,
            Map<String, Integer> schemaIds, String simulatorUrl, String metricsUrl, String oeeUrl,
            Path oeeConfig) {
    }

    private final Settings settings;
    private final EmbeddedKafkaBroker broker;
    private SchemaRegistryServer registry;
    private PlantSimulator simulator;
    private ServiceMetrics metrics;
    private ServiceEndpoint http;
    private EdgeGateway gateway;
    private ServiceMetrics oeeMetrics;
    private OeeService oee;

    LocalBackbone(Settings settings) {
        this.settings = settings;
        this.broker = new EmbeddedKafkaBroker(
                new EmbeddedKafkaBroker.Settings(settings.dataDir().resolve("kafka"), "localhost",
                        settings.kafkaPort(), 0, Map.of()));
    }

    /** Starts every part in order, reporting each to {@code progress}; closes what started if one fails. */
    Started start(Consumer<String> progress) {
        try {
            long t0 = System.nanoTime();
            broker.start();
            progress.accept(step("Kafka broker", "bootstrap.servers=" + broker.bootstrapServers(), t0));

            long t1 = System.nanoTime();
            registry = new SchemaRegistryServer(RegistrySettings.defaults(broker.bootstrapServers())
                    .withListener("localhost", settings.registryPort())).start();
            progress.accept(step("Schema registry", "schema.registry.url=" + registry.url(), t1));

            long t2 = System.nanoTime();
            TopicCatalogue catalogue = catalogue();
            ProvisioningReport topics = provision(catalogue);
            progress.accept(step("Topics", catalogue.all().size() + " for site '" + settings.site() + "' ("
                    + topics.created().size() + " created)", t2));

            long t3 = System.nanoTime();
            Map<String, Integer> ids = registerEventSchemas(catalogue);
            progress.accept(step("Event schemas", ids.size() + " registered, subjects <topic>-value", t3));

            long t4 = System.nanoTime();
            simulator = startSimulator();
            progress.accept(step("Plant simulator", simulator.plant().machines().size() + " machines at "
                    + simulator.endpointUrl() + " (" + settings.speed() + "x)", t4));

            long t5 = System.nanoTime();
            gateway = startGateway();
            progress.accept(step("Edge gateway", gateway.tagMap().tags().size() + " tags -> "
                    + catalogue.machineState().name() + ", ...; metrics " + http.url() + "/metrics", t5));

            long t6 = System.nanoTime();
            oee = startOee();
            progress.accept(step("OEE app", "live OEE -> " + catalogue.oeeLive().name() + ", windows -> "
                    + catalogue.oee().name() + "; queries " + oee.url() + "/api/equipment", t6));
            return new Started(broker.bootstrapServers(), registry.url(), topics, ids, simulator.endpointUrl(),
                    http.url().toString(), oee.url().toString(), oeeConfigFile());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    EdgeGateway gateway() {
        return gateway;
    }

    OeeService oee() {
        return oee;
    }

    ServiceMetrics oeeMetrics() {
        return oeeMetrics;
    }

    /** Stops in reverse order: nothing is left writing to a part already gone. */
    @Override
    public void close() {
        if (oee != null) {
            oee.close();
            oeeMetrics.close();
            oee = null;
        }
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (http != null) {
            http.close();
            metrics.close();
            http = null;
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
        if (registry != null) {
            registry.close();
            registry = null;
        }
        broker.close();
    }

    // Catalogue defaults, so that 'takt topics list' afterwards finds them as specified.
    private TopicCatalogue catalogue() {
        return TopicCatalogue.forSite(settings.site(), PlatformConfig.TOPICS_PARTITIONS.defaultValue().orElseThrow(), 1);
    }

    private ProvisioningReport provision(TopicCatalogue catalogue) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return new TopicProvisioner(admin).provision(catalogue.all());
        }
    }

    // Registered up front so that BI tools and Confluent consumers see every contract at once,
    // before the first event of each kind has been produced.
    private Map<String, Integer> registerEventSchemas(TopicCatalogue catalogue) {
        Map<String, Schema> contracts = EventContracts.schemas();
        Map<String, Integer> ids = new LinkedHashMap<>();
        var client = new RestSchemaRegistryClient(registry.url());
        for (TopicSpec topic : catalogue.all()) {
            Schema schema = contracts.get(topic.valueType());
            if (schema != null) {
                String subject = topic.name() + "-value";
                ids.put(subject, client.register(subject, schema));
            }
        }
        return ids;
    }

    private PlantSimulator startSimulator() {
        PlantSimulator started = new PlantSimulator(SimulatorSettings.builder().seed(1).lines(3).machinesPerLine(4)
                .speed(settings.speed()).bindHost("localhost").port(settings.opcuaPort())
                .pkiDirectory(settings.dataDir().resolve("simulator/pki")).build());
        started.start();
        return started;
    }

    private EdgeGateway startGateway() {
        Path gatewayDir = settings.dataDir().resolve("gateway");
        Path tagMap = SimulatorTagMap.write(simulator, "gw-demo", settings.site(), gatewayDir.resolve("tagmap.yaml"));
        var config = EdgeGateway.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                EdgeGateway.TAG_MAP.name(), tagMap.toString(),
                EdgeGateway.STATE_DIR.name(), gatewayDir.toString(),
                "buffer.dir", gatewayDir.resolve("buffer").toString(),
                PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), broker.bootstrapServers(),
                PlatformConfig.SCHEMA_REGISTRY_URL.name(), registry.url())).build());
        metrics = ServiceMetrics.create("takt-gateway");
        http = ServiceEndpoint.builder(metrics).host("localhost").port(settings.httpPort()).build().start();
        return EdgeGateway.create(config, metrics.registry()).start();
    }

    // The simulator's own shifts and breaks, and ideal cycle times a little under each machine's rated
    // cycle (the simulated cycles spread ±5 % around it), so the demo's OEE figures mean something.
    private OeeService startOee() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put(PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), broker.bootstrapServers());
        given.put(PlatformConfig.SCHEMA_REGISTRY_URL.name(), registry.url());
        given.put(PlatformConfig.SITE.name(), settings.site());
        given.put(OeeSettings.STATE_DIR.name(), settings.dataDir().resolve("oee").toString());
        given.put(OeeSettings.HTTP_HOST.name(), "localhost");
        given.put(OeeSettings.HTTP_PORT.name(), Integer.toString(settings.oeePort()));
        given.put("oee.calendar.shifts", "early=06:00-14:00,late=14:00-22:00,night=22:00-06:00");
        given.put("oee.calendar.breaks", SIMULATOR_BREAKS);
        given.put(OeeSettings.IDEAL_CYCLE_TIMES.name(), idealCycleTimes());
        var config = OeeSettings.DEFINITION.validate(ConfigSources.builder().overrides(given).build());
        writeOeeConfig(given);
        oeeMetrics = ServiceMetrics.create("takt-oee");
        return OeeService.create(config, oeeMetrics).start();
    }

    /** The OEE app's config, so that 'takt oee reconcile -c' recomputes with the same rules. */
    Path oeeConfigFile() {
        return settings.dataDir().resolve("oee.properties");
    }

    private void writeOeeConfig(Map<String, String> given) {
        StringBuilder text = new StringBuilder("# The demo's OEE app config, written by takt demo\n");
        given.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(oeeConfigFile(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + oeeConfigFile(), e);
        }
    }

    /** The breaks of the simulator's three-shift calendar (ShiftCalendar.threeShifts). */
    private static final String SIMULATOR_BREAKS =
            "00:00-00:10,02:00-02:30,08:00-08:10,10:00-10:30,16:00-16:10,18:00-18:30";

    private String idealCycleTimes() {
        Map<String, Long> cycles = simulator.plant().nominalCycleMillis();
        List<String> pairs = new ArrayList<>();
        for (var machine : simulator.plant().machines()) {
            long rated = cycles.get(machine.id());
            pairs.add(SimulatorTagMap.equipmentId(settings.site(), machine) + "=" + Math.round(rated * 0.95) + "ms");
        }
        return String.join(",", pairs);
    }

    private static String step(String what, String detail, long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        return String.format("  ok  %-16s %s (%d ms)", what, detail, millis);
    }
}
