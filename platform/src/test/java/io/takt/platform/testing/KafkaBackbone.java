package io.takt.platform.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;

/**
 * A real in-process KRaft broker, and if asked the schema registry on it, shared by the tests of
 * one class: {@code @RegisterExtension static final KafkaBackbone backbone = KafkaBackbone.withRegistry();}.
 * Other modules reach it through the platform test-jar.
 */
public final class KafkaBackbone implements BeforeAllCallback, AfterAllCallback {

    private final boolean withRegistry;
    private EmbeddedKafkaBroker broker;
    private SchemaRegistryServer registry;

    private KafkaBackbone(boolean withRegistry) {
        this.withRegistry = withRegistry;
    }

    /** A broker only. */
    public static KafkaBackbone brokerOnly() {
        return new KafkaBackbone(false);
    }

    /** A broker and a schema registry storing its schemas on it. */
    public static KafkaBackbone withRegistry() {
        return new KafkaBackbone(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.Settings.ephemeral()).start();
        if (withRegistry) {
            registry = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(broker.bootstrapServers())).start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        if (registry == null) {
            throw new IllegalStateException("This backbone has no registry: use KafkaBackbone.withRegistry()");
        }
        return registry.url();
    }

    /** A new admin client on the broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers()));
    }

    /** Creates single-partition topics (the broker does not create topics on first use). */
    public void createTopics(String... names) {
        try (Admin admin = admin()) {
            admin.createTopics(Arrays.stream(names).map(n -> new NewTopic(n, 1, (short) 1)).toList()).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topics " + Arrays.toString(names), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every catalogue topic of {@code site}, one partition each, created on the broker. */
    public TopicCatalogue provisionSite(String site) {
        TopicCatalogue catalogue = TopicCatalogue.forSite(site, 1, 1);
        try (Admin admin = admin()) {
            new TopicProvisioner(admin).provision(catalogue.all());
        }
        return catalogue;
    }
}
