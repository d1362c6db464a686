package io.takt.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.takt.platform.config.DurationText;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.topic.TopicCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt demo}: the whole backbone on embedded defaults, in one process, with no setup. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole Takt backbone on embedded defaults in this process: a Kafka broker, the schema "
                + "registry, the site's topics with every event schema registered, a simulated plant (3 lines of 4 "
                + "machines by default) behind OPC UA, Modbus/TCP and Sparkplug B (MQTT), an ERP (embedded PostgreSQL) whose orders "
                + "are captured onto the stream and which receives production confirmations back, the edge gateway, "
                + "the OEE and genealogy stream apps with their query APIs, and the web dashboard.",
            "Nothing to install but Java; data is kept in --data-dir between runs (--reset starts afresh). "
                + "Prints a status line every --status-interval. Runs until Ctrl-C."
        })
final class DemoCommand implements Callable<Integer> {

    /** Marks a directory as the demo's own, so that --reset never deletes anything else. */
    static final String MARKER = ".takt-demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the demo keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--reset", description = "Delete the data of earlier runs in --data-dir first.")
    boolean reset;

    @Option(names = "--lines", defaultValue = "3", paramLabel = "N",
            description = "Simulated lines; every three form a flow raw -> intermediate -> finished "
                    + "(default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--machines-per-line", defaultValue = "4", paramLabel = "N",
            description = "Machines on each line (default: ${DEFAULT-VALUE}).")
    int machinesPerLine;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
            description = "Simulated seconds per second; 60 runs an hour a minute (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
            description = "Kafka client port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT",
            description = "Schema registry port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--opcua-port", defaultValue = "4840", paramLabel = "PORT",
            description = "The plant simulator's OPC UA port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int opcuaPort;

    @Option(names = "--modbus-port", defaultValue = "5020", paramLabel = "PORT",
            description = "The simulator's Modbus/TCP face (Line1); 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int modbusPort;

    @Option(names = "--mqtt-port", defaultValue = "1883", paramLabel = "PORT",
            description = "The MQTT broker carrying the simulator's Sparkplug B face; 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--http-port", defaultValue = "9464", paramLabel = "PORT",
            description = "The gateway's /metrics, /health and /ready; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--oee-port", defaultValue = "8083", paramLabel = "PORT",
            description = "The OEE app's query API, /metrics, /health and /ready; 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int oeePort;

    @Option(names = "--genealogy-port", defaultValue = "8084", paramLabel = "PORT",
            description = "The genealogy app's trace API, /metrics, /health and /ready; 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int genealogyPort;

    @Option(names = "--erp-port", defaultValue = "8085", paramLabel = "PORT",
            description = "The erp-connector's /metrics, /health and /ready; 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int erpPort;

    @Option(names = "--dashboard-port", defaultValue = "8080", paramLabel = "PORT",
            description = "The web dashboard; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--status-interval", defaultValue = "5s", paramLabel = "DURATION",
            description = "How often to print the status line (default: ${DEFAULT-VALUE}); 0s for never.")
    String statusInterval;

    @Option(names = "--site", defaultValue = "site1", paramLabel = "SITE",
            description = "Site whose topics are created (default: ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--run-for", paramLabel = "DURATION",
            description = "Stop by itself after this long (e.g. 30s, 10m); default: until Ctrl-C.")
    String runFor;

    @Override
    public Integer call() throws Exception {
        Duration limit = runFor == null ? null : DurationText.parse(runFor);
        Duration interval = DurationText.parse(statusInterval);
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        prepareDataDir(out);
        out.println("Takt demo: the backbone on embedded defaults (data in " + dataDir.toAbsolutePath() + ")");
        out.flush();
        long started = System.nanoTime();
        RunUntilStopped run = new RunUntilStopped();
        LocalBackbone backbone = run.closeOnExit(new LocalBackbone(new LocalBackbone.Settings(dataDir,
                new LocalBackbone.Ports(kafkaPort, registryPort, opcuaPort, modbusPort, mqttPort, httpPort, oeePort,
                        genealogyPort, erpPort, dashboardPort), site, speed, lines, machinesPerLine)));
        LocalBackbone.Started ready = backbone.start(line -> {
            out.println(line);
            out.flush();
        });
        printNextSteps(ready, out, (System.nanoTime() - started) / 1_000_000);
        if (!interval.isZero()) {
            TopicCatalogue topics = TopicCatalogue.forSite(site, 1, 1);
            run.closeOnExit(new DemoStatusPrinter(backbone, Set.of(topics.oeeLive().name(), topics.oee().name(),
                    topics.downtime().name()), out)).every(interval);
        }
        run.await(limit);
        out.println("Takt demo stopped.");
        out.flush();
        return 0;
    }

    private void checkOptions() {
        if (!site.matches(PlatformConfig.SITE_PATTERN)) {
            throw new IllegalArgumentException("--site '" + site + "' must be lower-case letters, digits and "
                    + "inner hyphens, e.g. plant-7");
        }
        if (lines < 1 || machinesPerLine < 2) {
            throw new IllegalArgumentException("--lines must be at least 1 and --machines-per-line at least 2");
        }
    }

    // The data dir is reused as it is (the broker, the ERP and the stream apps carry on), or deleted
    // with --reset, but only when it is the demo's own: never a directory someone pointed at by mistake.
    private void prepareDataDir(PrintWriter out) throws IOException {
        Path dir = dataDir.toAbsolutePath();
        boolean exists = Files.isDirectory(dir);
        boolean empty = !exists || isEmpty(dir);
        if (exists && !empty && !Files.exists(dir.resolve(MARKER))) {
            throw new IllegalArgumentException("--data-dir " + dir + " is not empty and not a Takt demo's data "
                    + "directory (no " + MARKER + " in it); choose another one");
        }
        if (reset && !empty) {
            deleteTree(dir);
            out.println("Deleted the data of earlier runs in " + dir);
        } else if (!empty) {
            out.println("Reusing the data of an earlier run in " + dir + " (--reset starts afresh)");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "Data of 'takt demo'; 'takt demo --reset' deletes this directory.\n");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private void printNextSteps(LocalBackbone.Started started, PrintWriter out, long millis) {
        String line1 = site + ".production.line1";
        out.println();
        out.println(String.format(Locale.ROOT, "Ready in %.1f s.", millis / 1000.0));
        out.println("  dashboard              " + started.dashboardUrl());
        out.println("  bootstrap.servers      " + started.bootstrapServers());
        out.println("  schema.registry.url    " + started.registryUrl());
        out.println("  OEE API                " + started.oeeUrl() + "/api/equipment");
        out.println("  genealogy API          " + started.genealogyUrl() + "/api/lots/{lot}/trace");
        out.println("  metrics                " + started.metricsUrl() + "/metrics (gateway), " + started.oeeUrl()
                + "/metrics (oee), " + started.genealogyUrl() + "/metrics (genealogy), " + started.erpUrl()
                + "/metrics (erp), " + started.dashboardUrl() + "/metrics (dashboard)");
        out.println("  plant (OPC UA)         " + started.simulatorUrl() + "   Modbus/TCP localhost:"
                + started.modbusPort());
        out.println("  plant (Sparkplug B)    " + started.mqttUrl());
        out.println("  ERP (PostgreSQL)       psql -h " + started.erpDatabase().host() + " -p "
                + started.erpDatabase().port() + " -U " + started.erpDatabase().user() + " "
                + started.erpDatabase().database());
        out.println("  service configs        " + started.configDir());
        out.println("Try, in another terminal:");
        out.println("  ./takt topics list --bootstrap-servers " + started.bootstrapServers() + " --site " + site);
        out.println("  curl '" + started.oeeUrl() + "/api/oee/" + line1 + "?window=hour'");
        out.println("  curl '" + started.oeeUrl() + "/api/pareto?line=" + line1 + "'");
        out.println("  ./takt acquire browse --endpoint " + started.simulatorUrl()
                + " --security-policy none --security-mode none --allow-insecure --depth 2");
        out.println("  ./takt oee reconcile -c " + started.configDir().resolve("oee.properties"));
        out.println(runFor == null ? "Press Ctrl-C to stop." : "Stopping by itself after " + runFor + ".");
        out.flush();
    }
}
