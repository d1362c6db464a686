package io.takt.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.takt.oee.OeeSettings;
import io.takt.oee.reconcile.OeeReconciliation;
import io.takt.oee.reconcile.ReconciliationReport;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt oee ...}: tools around the OEE stream app. */
@Command(name = "oee",
        mixinStandardHelpOptions = true,
        description = "Tools around the OEE stream app.",
        subcommands = {OeeCommand.Reconcile.class})
final class OeeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = {"Recompute every OEE window from the raw topics in one batch and compare it with what "
                    + "the stream published on takt.<site>.oee.v1 (FINAL windows, machines and roll-ups).",
                    "Exit code: 0 identical, 1 differences, 2 could not run."})
    static final class Reconcile implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
                description = "Kafka cluster (config kafka.bootstrap.servers, default localhost:9092).")
        String bootstrapServers;

        @Option(names = "--registry", paramLabel = "URL",
                description = "Schema registry (config schema.registry.url, default http://localhost:8081).")
        String registry;

        @Option(names = "--site", paramLabel = "SITE", description = "Site (config site, default site1).")
        String site;

        @Option(names = "--max-differences", paramLabel = "N", defaultValue = "20",
                description = "Differences to print field by field (default ${DEFAULT-VALUE}).")
        int maxDifferences;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
                description = "How long reading the topics to their end may take, e.g. 30s, 5m (default "
                        + "${DEFAULT-VALUE}).")
        String timeout;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                OeeSettings settings = OeeSettings.from(config.load(OeeSettings.DEFINITION, ConfigOptions.given(
                        PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), bootstrapServers,
                        PlatformConfig.SCHEMA_REGISTRY_URL.name(), registry,
                        PlatformConfig.SITE.name(), site)));
                Duration limit = ConfigType.DURATION.parse(timeout);
                ReconciliationReport report = new OeeReconciliation(settings).run(limit, line -> {
                    out.println(line);
                    out.flush();
                });
                report.print(out, maxDifferences);
                return report.exitCode();
            } catch (RuntimeException e) {
                // Exit 1 means "differences": a failure to run must not look like one.
                spec.commandLine().getErr().println("takt oee reconcile: could not run: " + describe(e));
                return ReconciliationReport.NOT_RUN;
            }
        }

        private static String describe(Throwable e) {
            StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                message.append(": ").append(cause.getMessage());
            }
            return message.toString();
        }
    }
}
