package io.takt.deploy;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;

import io.takt.platform.config.PlatformConfig;
import io.takt.platform.topic.ProvisioningReport;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicDrift;
import io.takt.platform.topic.TopicProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt topics create|list}: Takt's topic catalogue for a site, on a real cluster. */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        description = "Create or list a site's Takt topics (names, keys, cleanup and retention from the catalogue).",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.List.class})
final class TopicsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options both sub-commands take. */
    static final class Target {

        @Mixin
        ConfigOptions config;

        @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
                description = "Kafka cluster (config kafka.bootstrap.servers, default localhost:9092).")
        String bootstrapServers;

        @Option(names = "--site", paramLabel = "SITE", description = "Site (config site, default site1).")
        String site;

        PlatformConfig load(Object... moreOptions) {
            Object[] options = new Object[4 + moreOptions.length];
            options[0] = PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name();
            options[1] = bootstrapServers;
            options[2] = PlatformConfig.SITE.name();
            options[3] = site;
            System.arraycopy(moreOptions, 0, options, 4, moreOptions.length);
            return PlatformConfig.from(config.load(PlatformConfig.DEFINITION, ConfigOptions.given(options)));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the site's missing topics; existing topics are left as they are and any "
                    + "difference from the catalogue is reported.")
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--partitions", paramLabel = "N",
                description = "Partitions per topic (config topics.partitions, default 3).")
        Integer partitions;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replicas per topic (config topics.replication.factor, default 1).")
        Integer replicationFactor;

        @Override
        public Integer call() {
            PlatformConfig platform = target.load(PlatformConfig.TOPICS_PARTITIONS.name(), partitions,
                    PlatformConfig.TOPICS_REPLICATION_FACTOR.name(), replicationFactor);
            TopicCatalogue catalogue = TopicCatalogue.from(platform);
            try (Admin admin = Admin.create(platform.adminConfigs())) {
                ProvisioningReport report = new TopicProvisioner(admin).provision(catalogue.all());
                print(report, spec.commandLine().getOut());
            }
            return 0;
        }

        private static void print(ProvisioningReport report, PrintWriter out) {
            report.created().forEach(t -> out.println("created  " + t));
            report.existing().forEach(t -> out.println("exists   " + t));
            report.drifts().forEach((TopicDrift d) -> out.println("warning  " + d));
            out.println(report.created().size() + " created, " + report.existing().size() + " already there"
                    + (report.hasDrift() ? ", " + report.drifts().size() + " difference(s) from the catalogue" : ""));
            out.flush();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the site's topics as the cluster has them, next to the catalogue.")
    static final class List implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            PlatformConfig platform = target.load();
            TopicCatalogue catalogue = TopicCatalogue.from(platform);
            try (Admin admin = Admin.create(platform.adminConfigs())) {
                TopicTable.print(new TopicProvisioner(admin).list(catalogue.all()), spec.commandLine().getOut());
            }
            return 0;
        }
    }
}
