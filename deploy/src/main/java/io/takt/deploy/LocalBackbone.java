package io.takt.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;

import io.takt.platform.config.PlatformConfig;
import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.topic.ProvisioningReport;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;
import io.takt.platform.topic.TopicSpec;
import io.takt.schemas.EventContracts;

/**
 * The Takt backbone on embedded defaults, in this process: a Kafka broker, the schema registry,
 * a site's topics and the event schemas registered under them. {@code takt demo} runs it; the
 * integration tests start it the same way.
 */
final class LocalBackbone implements AutoCloseable {

    /**
     * @param dataDir      where the broker keeps its log (kept between runs)
     * @param kafkaPort    broker client port; 0 picks a free one
     * @param registryPort registry HTTP port; 0 picks a free one
     * @param site         site whose topics are created
     */
    record Settings(Path dataDir, int kafkaPort, int registryPort, String site) {
    }

    /** What the start-up did, for the operator. */
    record Started(String bootstrapServers, String registryUrl, ProvisioningReport topics,
            Map<String, Integer> schemaIds) {
    }

    private final Settings settings;
    private final EmbeddedKafkaBroker broker;
    private SchemaRegistryServer registry;
    private Started started;

    LocalBackbone(Settings settings) {
        this.settings = settings;
        this.broker = new EmbeddedKafkaBroker(
                new EmbeddedKafkaBroker.Settings(settings.dataDir().resolve("kafka"), "localhost",
                        settings.kafkaPort(), 0, Map.of()));
    }

    /** Starts every part in order, reporting each to {@code progress}; closes what started if one fails. */
    Started start(Consumer<String> progress) {
        try {
            long t0 = System.nanoTime();
            broker.start();
            progress.accept(step("Kafka broker", "bootstrap.servers=" + broker.bootstrapServers(), t0));

            long t1 = System.nanoTime();
            registry = new SchemaRegistryServer(RegistrySettings.defaults(broker.bootstrapServers())
                    .withListener("localhost", settings.registryPort())).start();
            progress.accept(step("Schema registry", "schema.registry.url=" + registry.url(), t1));

            long t2 = System.nanoTime();
            // Catalogue defaults, so that 'takt topics list' afterwards finds them as specified.
            TopicCatalogue catalogue = TopicCatalogue.forSite(settings.site(),
                    PlatformConfig.TOPICS_PARTITIONS.defaultValue().orElseThrow(), 1);
            ProvisioningReport topics = provision(catalogue);
            progress.accept(step("Topics", catalogue.all().size() + " for site '" + settings.site() + "' ("
                    + topics.created().size() + " created)", t2));

            long t3 = System.nanoTime();
            Map<String, Integer> ids = registerEventSchemas(catalogue);
            progress.accept(step("Event schemas", ids.size() + " registered, subjects <topic>-value", t3));
            started = new Started(broker.bootstrapServers(), registry.url(), topics, ids);
            return started;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    Started started() {
        return started;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
        broker.close();
    }

    private ProvisioningReport provision(TopicCatalogue catalogue) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return new TopicProvisioner(admin).provision(catalogue.all());
        }
    }

    // Registered up front so that BI tools and Confluent consumers see every contract at once,
    // before the first event of each kind has been produced.
    private Map<String, Integer> registerEventSchemas(TopicCatalogue catalogue) {
        Map<String, Schema> contracts = EventContracts.schemas();
        Map<String, Integer> ids = new LinkedHashMap<>();
        var client = new RestSchemaRegistryClient(registry.url());
        for (TopicSpec topic : catalogue.all()) {
            Schema schema = contracts.get(topic.valueType());
            if (schema != null) {
                String subject = topic.name() + "-value";
                ids.put(subject, client.register(subject, schema));
            }
        }
        return ids;
    }

    private static String step(String what, String detail, long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        return String.format("  ok  %-16s %s (%d ms)", what, detail, millis);
    }
}
