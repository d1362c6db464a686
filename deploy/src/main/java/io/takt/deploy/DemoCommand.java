package io.takt.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.takt.platform.config.DurationText;
import io.takt.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt demo}: the whole backbone on embedded defaults, in one process, with no setup. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Takt backbone on embedded defaults in this process: a Kafka broker, the schema "
                + "registry, the site's topics with every event schema registered, a simulated plant of 12 "
                + "machines behind OPC UA, the edge gateway publishing its events, and the OEE app turning them "
                + "into live OEE, downtime and line roll-ups with a query API.",
            "Nothing to install but Java; data is kept in --data-dir between runs. Runs until Ctrl-C."
        })
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the demo keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
            description = "Kafka client port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT",
            description = "Schema registry port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--opcua-port", defaultValue = "4840", paramLabel = "PORT",
            description = "The plant simulator's OPC UA port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int opcuaPort;

    @Option(names = "--http-port", defaultValue = "9464", paramLabel = "PORT",
            description = "The gateway's /metrics, /health and /ready; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--oee-port", defaultValue = "8083", paramLabel = "PORT",
            description = "The OEE app's query API, /metrics, /health and /ready; 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int oeePort;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
            description = "Simulated seconds per second; 60 runs an hour a minute (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--status-interval", defaultValue = "30s", paramLabel = "DURATION",
            description = "How often to print the gateway's status (default: ${DEFAULT-VALUE}); 0s for never.")
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
        if (!site.matches(PlatformConfig.SITE_PATTERN)) {
            throw new IllegalArgumentException("--site '" + site + "' must be lower-case letters, digits and "
                    + "inner hyphens, e.g. plant-7");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Takt demo: the backbone on embedded defaults (data in " + dataDir.toAbsolutePath() + ")");
        out.flush();
        RunUntilStopped run = new RunUntilStopped();
        LocalBackbone backbone = run.closeOnExit(
                new LocalBackbone(new LocalBackbone.Settings(dataDir, kafkaPort, registryPort, opcuaPort, httpPort,
                        oeePort, site, speed)));
        LocalBackbone.Started started = backbone.start(line -> {
            out.println(line);
            out.flush();
        });
        printNextSteps(started, out);
        Duration interval = DurationText.parse(statusInterval);
        if (!interval.isZero()) {
            run.closeOnExit(new GatewayStatusPrinter(backbone.gateway(), out)).every(interval);
            run.closeOnExit(new OeeStatusPrinter(backbone.oee(), backbone.oeeMetrics(), out)).every(interval);
        }
        run.await(limit);
        out.println("Takt demo stopped.");
        out.flush();
        return 0;
    }

    private void printNextSteps(LocalBackbone.Started started, PrintWriter out) {
        out.println();
        out.println("Ready. Point clients at:");
        out.println("  bootstrap.servers=" + started.bootstrapServers());
        out.println("  schema.registry.url=" + started.registryUrl());
        out.println("  plant simulator (OPC UA): " + started.simulatorUrl());
        out.println("Try, in another terminal:");
        out.println("  ./takt topics list --bootstrap-servers " + started.bootstrapServers() + " --site " + site);
        out.println("  curl " + started.registryUrl() + "/subjects");
        out.println("  curl " + started.metricsUrl() + "/metrics | grep takt_edge");
        out.println("  ./takt acquire browse --endpoint " + started.simulatorUrl()
                + " --security-policy none --security-mode none --allow-insecure --depth 2");
        out.println("  curl " + started.oeeUrl() + "/api/equipment");
        out.println("  curl '" + started.oeeUrl() + "/api/oee/" + site + ".production.line1?window=hour'");
        out.println("  curl '" + started.oeeUrl() + "/api/pareto?line=" + site + ".production.line1'");
        out.println("  ./takt oee reconcile -c " + started.oeeConfig());
        out.println("Coming to the demo: ERP work orders, lot genealogy, dashboard (see README.md, Status).");
        out.println(runFor == null ? "Press Ctrl-C to stop." : "Stopping by itself after " + runFor + ".");
        out.flush();
    }
}
