package io.takt.deploy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.mqtt.LocalMqttBroker;
import io.takt.acquisition.simulator.ModbusFace;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.acquisition.simulator.SparkplugFace;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.dashboard.DashboardService;
import io.takt.erp.ErpDatabase;
import io.takt.erp.ErpService;
import io.takt.genealogy.GenealogyService;
import io.takt.oee.OeeService;
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
 * The whole Takt backbone on embedded defaults, in this process: a Kafka broker, the schema
 * registry, a site's topics with the event schemas registered, the plant simulator (OPC UA,
 * Modbus/TCP and Sparkplug B on an in-process MQTT broker), the ERP stand-in with its change capture and confirmation sink, the edge gateway
 * reading the plant, the OEE and genealogy stream apps with their query APIs, and the dashboard.
 * {@code takt demo} runs it; the integration tests start it the same way.
 */
final class LocalBackbone implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBackbone.class);

    /**
     * @param dataDir         where everything keeps its data (kept between runs)
     * @param ports           where each part listens; 0 picks a free port
     * @param site            site whose topics are created
     * @param speed           simulated seconds per second
     * @param lines           simulated lines
     * @param machinesPerLine machines on each line
     */
    record Settings(Path dataDir, Ports ports, String site, double speed, int lines, int machinesPerLine) {
        Settings {
            dataDir = dataDir.toAbsolutePath();
        }

        /** The default plant (3 lines of 4 machines) on free ports: for tests. */
        static Settings onFreePorts(Path dataDir, String site, double speed) {
            return new Settings(dataDir, Ports.FREE, site, speed, 3, 4);
        }
    }

    /** Listening ports; 0 picks a free one. */
    record Ports(int kafka, int registry, int opcua, int modbus, int mqtt, int gateway, int oee, int genealogy,
                 int erp, int dashboard) {
        static final Ports FREE = new Ports(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** What the start-up did and where everything is, for the operator. */
    record Started(String bootstrapServers, String registryUrl, ProvisioningReport topics,
            Map<String, Integer> schemaIds, String simulatorUrl, int modbusPort, String mqttUrl, String metricsUrl, String oeeUrl,
            String genealogyUrl, String erpUrl, String dashboardUrl, ErpDatabase erpDatabase, Path configDir) {
    }

    private final Settings settings;
    private final EmbeddedKafkaBroker broker;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private SchemaRegistryServer registry;
    private PlantSimulator simulator;
    private ServiceMetrics gatewayMetrics;
    private ServiceEndpoint gatewayHttp;
    private EdgeGateway gateway;
    private ServiceMetrics oeeMetrics;
    private OeeService oee;
    private ServiceMetrics genealogyMetrics;
    private GenealogyService genealogy;
    private ServiceMetrics erpMetrics;
    private ErpService erp;
    private DashboardService dashboard;

    LocalBackbone(Settings settings) {
        this.settings = settings;
        // Faster than real time (--speed > 1) the plant's clock runs ahead of the wall clock, and the
        // stream apps stamp their records with event time: the broker must not refuse "future" records.
        this.broker = new EmbeddedKafkaBroker(
                new EmbeddedKafkaBroker.Settings(settings.dataDir().resolve("kafka"), "localhost",
                        settings.ports().kafka(), 0,
                        Map.of("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE))));
    }

    /** Starts every part in order, reporting each to {@code progress}; closes what started if one fails. */
    Started start(Consumer<String> progress) {
        try {
            long t0 = System.nanoTime();
            running.push(broker.start());
            progress.accept(step("Kafka broker", "bootstrap.servers=" + broker.bootstrapServers(), t0));

            long t1 = System.nanoTime();
            registry = started(new SchemaRegistryServer(RegistrySettings.defaults(broker.bootstrapServers())
                    .withListener("localhost", settings.ports().registry())).start());
            progress.accept(step("Schema registry", "schema.registry.url=" + registry.url(), t1));

            long t2 = System.nanoTime();
            TopicCatalogue catalogue = catalogue();
            ProvisioningReport topics = provision(catalogue);
            progress.accept(step("Topics", catalogue.all().size() + " for site '" + settings.site() + "' ("
                    + topics.created().size() + " created)", t2));

            long t3 = System.nanoTime();
            Map<String, Integer> ids = registerEventSchemas(catalogue);
            progress.accept(step("Event schemas", ids.size() + " registered, subjects <topic>-value", t3));

            DemoShifts shifts = DemoShifts.startingAt(Instant.now());
            DemoConfig config = new DemoConfig(settings, shifts, broker.bootstrapServers(), registry.url());
            long t4 = System.nanoTime();
            simulator = startSimulator(shifts);
            ModbusFace modbus = startModbusFace();
            String mqttUrl = startSparkplugFace();
            progress.accept(step("Plant simulator", simulator.plant().machines().size() + " machines at "
                    + simulator.endpointUrl() + ", Line1 on Modbus/TCP port " + modbus.port() + ", Sparkplug B "
                    + "on " + mqttUrl + " (" + settings.speed() + "x)", t4));

            long t5 = System.nanoTime();
            erpMetrics = started(ServiceMetrics.create("takt-erp"));
            erp = started(ErpService.create(config.erp(PlantErp.writeMapping(simulator, settings.site(),
                    config.erpMapping())), erpMetrics).start());
            started(PlantErp.start(simulator, erp.database()));
            progress.accept(step("ERP", "stand-in PostgreSQL " + psql(erp.database()) + "; work orders -> "
                    + catalogue.workOrder().name() + ", confirmations -> " + erp.database().database() + ".erp.confirmation",
                    t5));

            long t6 = System.nanoTime();
            gateway = startGateway(config);
            progress.accept(step("Edge gateway", gateway.tagMap().tags().size() + " tags -> "
                    + catalogue.machineState().name() + ", ...; metrics " + gatewayUrl() + "/metrics", t6));

            long t7 = System.nanoTime();
            oeeMetrics = started(ServiceMetrics.create("takt-oee"));
            oee = started(OeeService.create(config.oee(simulator), oeeMetrics).start());
            progress.accept(step("OEE app", "live OEE -> " + catalogue.oeeLive().name() + ", windows -> "
                    + catalogue.oee().name() + "; queries " + oee.url() + "/api/equipment", t7));

            long t8 = System.nanoTime();
            genealogyMetrics = started(ServiceMetrics.create("takt-genealogy"));
            genealogy = started(GenealogyService.create(config.genealogy(oee.url()), genealogyMetrics).start());
            progress.accept(step("Genealogy app", "lots -> " + catalogue.materialLot().name() + "; traces "
                    + genealogy.url() + "/api/lots/{lot}/trace", t8));

            long t9 = System.nanoTime();
            dashboard = started(DashboardService.create(config.dashboard(genealogy.url()),
                    started(ServiceMetrics.create("takt-dashboard"))).start());
            progress.accept(step("Dashboard", dashboard.url() + " (live from " + catalogue.oeeLive().name()
                    + ", ...)", t9));

            return new Started(broker.bootstrapServers(), registry.url(), topics, ids, simulator.endpointUrl(),
                    modbus.port(), mqttUrl, gatewayUrl(), oee.url().toString(), genealogy.url().toString(), erp.url().toString(), dashboard.url().toString(), erp.database(),
                    config.file("oee").getParent());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }


    String bootstrapServers() {
        return broker.bootstrapServers();
    }


    OeeService oee() {
        return oee;
    }

    ServiceMetrics oeeMetrics() {
        return oeeMetrics;
    }


    ServiceMetrics genealogyMetrics() {
        return genealogyMetrics;
    }



    ServiceMetrics erpMetrics() {
        return erpMetrics;
    }

    ServiceMetrics gatewayMetrics() {
        return gatewayMetrics;
    }

    PlantSimulator simulator() {
        return simulator;
    }

    /** Stops in reverse order of start: nothing is left writing to a part already gone. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Could not stop {} cleanly: {}", part.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        running.push(part);
        return part;
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

    private PlantSimulator startSimulator(DemoShifts shifts) {
        PlantSimulator started = started(new PlantSimulator(SimulatorSettings.builder()
                .plant(PlantSettings.builder().calendar(shifts.calendar()).build()).seed(1)
                .lines(settings.lines()).machinesPerLine(settings.machinesPerLine())
                .speed(settings.speed()).bindHost("localhost").port(settings.ports().opcua())
                .pkiDirectory(settings.dataDir().resolve("simulator/pki")).build()));
        started.start();
        return started;
    }

    // Line1 as a legacy PLC too, so that Modbus clients (and 'takt acquire' with PLC4X) can be tried on it.
    private ModbusFace startModbusFace() {
        List<MachineDescription> line1 = simulator.plant().machines().stream()
                .filter(machine -> machine.line().equals("Line1")).toList();
        return started(new ModbusFace(simulator.plant(), line1)).start(settings.ports().modbus());
    }

    // Every machine as Sparkplug B on an MQTT broker of the demo's own, as a line's edge node would publish.
    private String startSparkplugFace() {
        LocalMqttBroker mqtt = started(new LocalMqttBroker("localhost", settings.ports().mqtt()).start());
        started(new SparkplugFace(simulator.plant(), simulator.plant().machines()).start(mqtt.host(), mqtt.port()));
        return "mqtt://" + mqtt.host() + ":" + mqtt.port() + " (group " + SparkplugFace.DEFAULT_GROUP_ID + ")";
    }

    private EdgeGateway startGateway(DemoConfig config) {
        Path tagMap = SimulatorTagMap.write(simulator, "gw-demo", settings.site(),
                settings.dataDir().resolve("gateway").resolve("tagmap.yaml"));
        gatewayMetrics = started(ServiceMetrics.create("takt-gateway"));
        gatewayHttp = started(ServiceEndpoint.builder(gatewayMetrics).host("localhost").port(settings.ports().gateway())
                .build().start());
        return started(EdgeGateway.create(config.gateway(tagMap), gatewayMetrics.registry()).start());
    }

    private String gatewayUrl() {
        return gatewayHttp.url().toString();
    }

    private static String psql(ErpDatabase db) {
        return "psql -h " + db.host() + " -p " + db.port() + " -U " + db.user() + " " + db.database();
    }

    private static String step(String what, String detail, long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        return String.format("  ok  %-16s %s (%d ms)", what, detail, millis);
    }
}
