package io.takt.deploy;

import java.util.Map;

import io.takt.platform.config.PlatformConfig;
import picocli.CommandLine.Option;

/** The Kafka cluster, schema registry and site options of the commands that read and write topics. */
final class ClusterOptions {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster (config kafka.bootstrap.servers, default localhost:9092).")
    String bootstrapServers;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Schema registry (config schema.registry.url, default http://localhost:8081).")
    String registry;

    @Option(names = "--site", paramLabel = "SITE", description = "Site (config site, default site1).")
    String site;

    /** The options given, as config overrides; those not given are left to file and environment. */
    Map<String, String> given() {
        return ConfigOptions.given(
                PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), bootstrapServers,
                PlatformConfig.SCHEMA_REGISTRY_URL.name(), registry,
                PlatformConfig.SITE.name(), site);
    }
}
