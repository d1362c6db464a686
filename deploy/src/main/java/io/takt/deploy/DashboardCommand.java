package io.takt.deploy;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.takt.dashboard.DashboardService;
import io.takt.dashboard.DashboardSettings;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.http.ServiceMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt dashboard}: the web dashboard over the KPI topics. */
@Command(name = "dashboard",
        mixinStandardHelpOptions = true,
        description = {"Serve the web dashboard until Ctrl-C: live OEE per machine, line and site with A, P, Q and "
                + "the shift's trend, machine states per line, downtime Pareto and stops, work orders with progress, "
                + "and a lot trace search. Reads the site's KPI topics itself (no consumer group), pushes changes "
                + "to browsers by Server-Sent Events; /metrics, /health and /ready beside it.",
                "Traces need dashboard.genealogy.url (the genealogy app's address)."})
final class DashboardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the dashboard (config dashboard.http.port, default 8080).")
    Integer httpPort;

    @Option(names = "--genealogy-url", paramLabel = "URL",
            description = "The genealogy app, for trace searches (config dashboard.genealogy.url).")
    String genealogyUrl;

    @Override
    public Integer call() throws Exception {
        Map<String, String> given = new HashMap<>(cluster.given());
        given.putAll(ConfigOptions.given(DashboardSettings.HTTP_PORT.name(), httpPort,
                DashboardSettings.GENEALOGY_URL.name(), genealogyUrl));
        var cfg = config.load(DashboardSettings.DEFINITION, given);
        RunUntilStopped run = new RunUntilStopped();
        ServiceMetrics metrics = run.closeOnExit(ServiceMetrics.create("takt-dashboard"));
        DashboardService dashboard = run.closeOnExit(DashboardService.create(cfg, metrics)).start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Dashboard for site " + PlatformConfig.from(cfg).site() + " at " + dashboard.url()
                + " (metrics at " + dashboard.url() + "/metrics). Press Ctrl-C to stop.");
        out.flush();
        run.await();
        return 0;
    }
}
