package io.takt.platform.registry.server;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;

/**
 * Takt's Confluent-compatible schema registry (AVRO): Confluent's REST API over schemas kept in a
 * compacted Kafka topic in Confluent's {@code _schemas} format. Several instances on one Kafka
 * cluster agree without a leader (see {@link RegistryState}); ids survive restarts.
 *
 * <pre>{@code
 * try (var registry = new SchemaRegistryServer(RegistrySettings.defaults("kafka:9092")).start()) {
 *     String url = registry.url();   // e.g. http://localhost:8081
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final long REPAIR_SWEEP_SECONDS = 10;

    private final RegistrySettings settings;
    private SchemasTopic topic;
    private ServiceMetrics metrics;
    private ServiceEndpoint http;
    private ScheduledExecutorService repairSweep;
    private String url;

    public SchemaRegistryServer(RegistrySettings settings) {
        this.settings = settings;
    }

    /** Reads the store topic to its end, then serves HTTP. Fails loudly if Kafka or the port is unusable. */
    public synchronized SchemaRegistryServer start() {
        if (http != null) {
            return this;
        }
        long started = System.nanoTime();
        RegistryState state = new RegistryState(SchemaText::canonical);
        topic = new SchemasTopic(settings, state);
        try {
            topic.start();
            Store store = new Store(state, topic, settings.storeTimeout());
            ClaimRepair repair = new ClaimRepair(store);
            store.exclusively(() -> {
                repair.repairDirtyKeys();
                return null;
            });
            CompatibilityConfig config = new CompatibilityConfig(store, settings.defaultCompatibility());
            RestApi api = new RestApi(new Registry(store, config, repair), new SubjectDeletions(store), config);
            metrics = ServiceMetrics.create("takt-registry");
            RegistryMeters meters = new RegistryMeters(metrics.registry(), state);
            http = ServiceEndpoint.builder(metrics).host(settings.host()).port(settings.port())
                    .readiness("schema-store", topic::readiness)
                    .api(meters::addTo)
                    .api(api::addTo)
                    .build().start();
            url = "http://" + advertisedHost() + ":" + http.port();
            startRepairSweep(store, repair);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Schema registry started on {} with {} schemas loaded from {} at {} in {} ms", url,
                state.schemaCount(), settings.topic(), settings.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return this;
    }

    /** The base URL clients use, with the real port when the settings asked for port 0. */
    public synchronized String url() {
        if (url == null) {
            throw new IllegalStateException("Schema registry is not started");
        }
        return url;
    }

    public RegistrySettings settings() {
        return settings;
    }

    /**
     * A crashed instance may leave a lost claim as the last record of its key; every instance
     * sweeps for such keys now and then, so compaction can never let the loser win.
     */
    private void startRepairSweep(Store store, ClaimRepair repair) {
        repairSweep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schema-registry-repair");
            t.setDaemon(true);
            return t;
        });
        repairSweep.scheduleWithFixedDelay(() -> {
            try {
                if (!store.state().dirtyKeys().isEmpty()) {
                    store.exclusively(() -> {
                        repair.repairDirtyKeys();
                        return null;
                    });
                }
            } catch (RuntimeException e) {
                LOG.warn("Repair sweep of {} failed, will retry: {}", settings.topic(), e.getMessage());
            }
        }, REPAIR_SWEEP_SECONDS, REPAIR_SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    private String advertisedHost() {
        String host = settings.host();
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }

    @Override
    public synchronized void close() {
        if (repairSweep != null) {
            repairSweep.shutdownNow();
            repairSweep = null;
        }
        if (http != null) {
            http.close();
            http = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (topic != null) {
            topic.close();
            topic = null;
        }
        if (url != null) {
            LOG.info("Schema registry at {} stopped", url);
            url = null;
        }
    }
}
