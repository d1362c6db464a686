package io.takt.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.takt.erp.ErpDatabase;
import io.takt.erp.ErpService;
import io.takt.erp.ErpSettings;
import io.takt.erp.ReplicationSlot;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.http.ServiceMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt erp}: the ERP change-data-capture connector, and its status. */
@Command(name = "erp",
        mixinStandardHelpOptions = true,
        description = {"Run the erp-connector until Ctrl-C: captures the ERP's production orders and routings "
                + "(Debezium, PostgreSQL pgoutput) and writes WorkOrder records with Takt ids to work-order; "
                + "codes the identity mapping lacks go to the dead-letter topic.",
                "Without erp.jdbc.url it runs the embedded ERP stand-in (PostgreSQL with 300 seed orders) and "
                        + "prints how to connect with psql.",
                "Serves /metrics, /health and /ready (ready while the capture polls the ERP's log and the "
                        + "confirmation stream runs) on erp.http.port."},
        subcommands = ErpCommand.Status.class)
final class ErpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of /metrics, /health and /ready (config erp.http.port, default 8085); "
                    + "0 picks a free one.")
    Integer httpPort;

    @Option(names = "--status-interval", defaultValue = "10s", paramLabel = "DURATION",
            description = "How often to print the connector's progress (default: ${DEFAULT-VALUE}); 0s for never.")
    String statusInterval;

    @Override
    public Integer call() throws Exception {
        Map<String, String> given = new HashMap<>(cluster.given());
        given.putAll(ConfigOptions.given(ErpSettings.HTTP_PORT.name(), httpPort));
        var cfg = config.load(ErpSettings.DEFINITION, given);
        RunUntilStopped run = new RunUntilStopped();
        ServiceMetrics metrics = run.closeOnExit(ServiceMetrics.create("takt-erp"));
        ErpService erp = run.closeOnExit(ErpService.create(cfg, metrics)).start();
        ErpDatabase db = erp.database();
        PrintWriter out = spec.commandLine().getOut();
        out.println("erp-connector started for site " + PlatformConfig.from(cfg).site() + " on "
                + (erp.embedded() ? "the embedded ERP stand-in: psql -h " + db.host() + " -p " + db.port() + " -U "
                + db.user() + " " + db.database() : db.jdbcUrl()) + "; metrics at " + erp.url()
                + "/metrics. Press Ctrl-C to stop.");
        out.flush();
        Duration interval = ConfigType.DURATION.parse(statusInterval);
        if (!interval.isZero()) {
            run.closeOnExit(new ErpStatusPrinter(erp, ErpSettings.from(cfg).slotName(), out)).every(interval);
        }
        run.await();
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the connector's replication slot in the ERP database: active or not, the last "
                    + "LSN it confirmed, and how much of the ERP's log it holds back (lag).")
    static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            ErpSettings settings = ErpSettings.from(config.load(ErpSettings.DEFINITION, Map.of()));
            PrintWriter out = spec.commandLine().getOut();
            Optional<ErpDatabase> db = settings.database();
            if (db.isEmpty()) {
                out.println("No erp.jdbc.url: the embedded ERP stand-in runs only inside 'takt erp' (and the demo), "
                        + "whose status line shows its progress.");
                return 0;
            }
            Optional<ReplicationSlot> slot = ReplicationSlot.read(db.get(), settings.slotName());
            if (slot.isEmpty()) {
                out.println("Replication slot " + settings.slotName() + " does not exist in " + db.get().jdbcUrl()
                        + ": the connector has not run there yet (or its slot was dropped).");
                return 1;
            }
            out.println(ErpStatusPrinter.describe(slot.get()));
            return 0;
        }
    }
}
