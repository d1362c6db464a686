package io.takt.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt registry}: the Confluent-compatible schema registry, against a given or an embedded broker. */
@Command(name = "registry",
        mixinStandardHelpOptions = true,
        description = {
            "Run the schema registry: Confluent Schema Registry's REST API (Avro), storing schemas in the "
                + "compacted topic _schemas, so ids survive restarts and several instances agree.",
            "Confluent's serializers and clients work against it unchanged. Prints its URL, then runs until Ctrl-C."
        })
final class RegistryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster holding _schemas (config kafka.bootstrap.servers, default localhost:9092).")
    String bootstrapServers;

    @Option(names = "--port", paramLabel = "PORT",
            description = "HTTP port (config registry.listen.port, default 8081; 0 picks a free one).")
    Integer port;

    @Option(names = "--embedded-broker",
            description = "Also start an embedded single-node broker in this process and use it.")
    boolean embeddedBroker;

    @Option(names = "--data-dir", defaultValue = "data/kafka", paramLabel = "DIR",
            description = "With --embedded-broker: its log directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
            description = "With --embedded-broker: its client port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Override
    public Integer call() throws Exception {
        Map<String, String> options = ConfigOptions.given(
                PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), embeddedBroker ? "localhost:" + kafkaPort : bootstrapServers,
                RegistrySettings.PORT.name(), port);
        // Validate everything before starting anything: a typo must not leave a broker running.
        TaktConfig cfg = config.load(RegistrySettings.DEFINITION, options);
        RunUntilStopped run = new RunUntilStopped();
        if (embeddedBroker) {
            run.closeOnExit(new EmbeddedKafkaBroker(
                    new EmbeddedKafkaBroker.Settings(dataDir, "localhost", kafkaPort, 0, Map.of()))).start();
        }
        RegistrySettings settings = RegistrySettings.from(cfg);
        SchemaRegistryServer registry = run.closeOnExit(new SchemaRegistryServer(settings)).start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Schema registry ready");
        out.println("  schema.registry.url=" + registry.url());
        out.println("  store: topic " + settings.topic() + " on " + settings.bootstrapServers());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        run.await();
        return 0;
    }
}
