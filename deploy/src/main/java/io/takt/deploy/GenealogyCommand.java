package io.takt.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.takt.genealogy.GenealogyService;
import io.takt.genealogy.GenealogySettings;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.http.ServiceMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt genealogy ...}: the lot genealogy stream app. */
@Command(name = "genealogy",
        mixinStandardHelpOptions = true,
        description = "The lot genealogy stream app: the lot graph from material movements, forward and backward "
                + "traces, recall scopes and batch records over REST.",
        subcommands = {GenealogyCommand.Run.class})
final class GenealogyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the genealogy app until Ctrl-C: reads material-movement, quality-result and "
                    + "work-order; writes genealogy (edges) and material-lot (lots); serves the trace API "
                    + "(/api/lots/{lot}/trace, /api/recall, /api/lots/{lot}/batch-record, /api/serials/{serial}), "
                    + "/metrics, /health and /ready.",
                    "Several instances with the same genealogy.application.id share the work; each holds the "
                            + "whole graph, so any of them answers any trace."})
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--http-port", paramLabel = "PORT",
                description = "Port of the trace API and /metrics (config genealogy.http.port, default 8084).")
        Integer httpPort;

        @Option(names = "--status-interval", defaultValue = "10s", paramLabel = "DURATION",
                description = "How often to print the app's state and progress (default: ${DEFAULT-VALUE}); "
                        + "0s for never.")
        String statusInterval;

        @Override
        public Integer call() throws Exception {
            Map<String, String> given = new HashMap<>(cluster.given());
            given.putAll(ConfigOptions.given(GenealogySettings.HTTP_PORT.name(), httpPort));
            var cfg = config.load(GenealogySettings.DEFINITION, given);
            RunUntilStopped run = new RunUntilStopped();
            ServiceMetrics metrics = run.closeOnExit(ServiceMetrics.create("takt-genealogy"));
            GenealogyService genealogy = run.closeOnExit(GenealogyService.create(cfg, metrics)).start();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Genealogy app " + GenealogySettings.from(cfg).applicationId() + " started for site "
                    + PlatformConfig.from(cfg).site() + "; traces at " + genealogy.url()
                    + "/api/lots/{lot}/trace, metrics at " + genealogy.url() + "/metrics. Press Ctrl-C to stop.");
            out.flush();
            Duration interval = ConfigType.DURATION.parse(statusInterval);
            if (!interval.isZero()) {
                run.closeOnExit(new GenealogyStatusPrinter(genealogy, metrics, out)).every(interval);
            }
            run.await();
            return 0;
        }
    }
}
