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
                + "registry, the site's topics and every event schema registered.",
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
                new LocalBackbone(new LocalBackbone.Settings(dataDir, kafkaPort, registryPort, site)));
        LocalBackbone.Started started = backbone.start(line -> {
            out.println(line);
            out.flush();
        });
        printNextSteps(started, out);
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
        out.println("Try, in another terminal:");
        out.println("  ./takt topics list --bootstrap-servers " + started.bootstrapServers() + " --site " + site);
        out.println("  curl " + started.registryUrl() + "/subjects");
        out.println("Coming to the demo: plant simulator and edge gateway, live OEE and downtime, ERP work orders,");
        out.println("lot genealogy, dashboard (see README.md, Status).");
        out.println(runFor == null ? "Press Ctrl-C to stop." : "Stopping by itself after " + runFor + ".");
        out.flush();
    }
}
