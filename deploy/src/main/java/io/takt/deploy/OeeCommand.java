package io.takt.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.takt.oee.OeeService;
import io.takt.oee.OeeSettings;
import io.takt.oee.reconcile.OeeReconciliation;
import io.takt.oee.reconcile.ReconciliationReport;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.http.ServiceMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt oee ...}: tools around the OEE stream app. */
@Command(name = "oee",
        mixinStandardHelpOptions = true,
        description = "The OEE stream app (live OEE, downtime and loss KPIs per ISO 22400-2) and its tools.",
        subcommands = {OeeCommand.Run.class, OeeCommand.Reconcile.class})
final class OeeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the OEE stream app until Ctrl-C: reads machine-state, production-count, "
                    + "quality-result, work-order and shift-calendar; writes oee, oee-live and downtime; serves "
                    + "the query API, /metrics, /health and /ready.",
                    "Several instances with the same oee.application.id share the work; query any of them."})
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--http-port", paramLabel = "PORT",
                description = "Port of the query API and /metrics (config oee.http.port, default 8083).")
        Integer httpPort;

        @Option(names = "--status-interval", defaultValue = "10s", paramLabel = "DURATION",
                description = "How often to print the app's state and progress (default: ${DEFAULT-VALUE}); "
                        + "0s for never.")
        String statusInterval;

        @Override
        public Integer call() throws Exception {
            Map<String, String> given = new HashMap<>(cluster.given());
            given.putAll(ConfigOptions.given(OeeSettings.HTTP_PORT.name(), httpPort));
            var cfg = config.load(OeeSettings.DEFINITION, given);
            RunUntilStopped run = new RunUntilStopped();
            ServiceMetrics metrics = run.closeOnExit(ServiceMetrics.create("takt-oee"));
            OeeService oee = run.closeOnExit(OeeService.create(cfg, metrics)).start();
            PrintWriter out = spec.commandLine().getOut();
            out.println("OEE app " + OeeSettings.from(cfg).applicationId() + " started for site "
                    + PlatformConfig.from(cfg).site() + "; queries at " + oee.url() + "/api/equipment, metrics at "
                    + oee.url() + "/metrics. Press Ctrl-C to stop.");
            out.flush();
            Duration interval = ConfigType.DURATION.parse(statusInterval);
            if (!interval.isZero()) {
                run.closeOnExit(new OeeStatusPrinter(oee, metrics, out)).every(interval);
            }
            run.await();
            return 0;
        }
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

        @Mixin
        ClusterOptions cluster;

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
                OeeSettings settings = OeeSettings.from(config.load(OeeSettings.DEFINITION, cluster.given()));
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
