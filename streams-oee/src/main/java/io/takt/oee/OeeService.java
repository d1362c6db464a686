package io.takt.oee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.oee.accounting.OeeRules;
import io.takt.oee.accounting.StateClassifier;
import io.takt.oee.calendar.CalendarBook;
import io.takt.oee.calendar.CalendarSettings;
import io.takt.oee.topology.OeeSerdes;
import io.takt.oee.topology.OeeTopology;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.StreamsDeadLetters;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.kafka.StreamsDefaults;
import io.takt.platform.kafka.StreamsRunning;
import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.topic.ProvisioningReport;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;

/**
 * The streams-oee service: the OEE topology on Kafka Streams (exactly-once, RocksDB stores) with
 * its HTTP endpoint (interactive queries, /metrics, /health, /ready). The CLI, the demo and the
 * integration tests all create it the same way.
 */
public final class OeeService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OeeService.class);

    private final OeeSettings settings;
    private final ServiceMetrics metrics;
    private final TopicCatalogue topics;
    private SchemaRegistryClient registry;
    private KafkaStreams streams;
    private ServiceEndpoint endpoint;
    private int httpPort;

    private OeeService(OeeSettings settings, ServiceMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.topics = TopicCatalogue.from(settings.platform());
    }

    /**
     * @param config  validated against {@link OeeSettings#DEFINITION}
     * @param metrics where the service's meters go; the caller owns and closes it
     */
    public static OeeService create(TaktConfig config, ServiceMetrics metrics) {
        return new OeeService(OeeSettings.from(config), metrics);
    }

    /** The topology this service runs, with its settings; for tests and benchmarks. */
    public static OeeTopology.Settings topologySettings(OeeSettings settings, OeeSerdes serdes,
                                                        io.micrometer.core.instrument.MeterRegistry meters) {
        OeeRules rules = new OeeRules(new StateClassifier(settings.minorStopThreshold(), settings.minorStopPolicy()),
                settings.grace(), settings.idealCycleTimes(), settings.defaultIdealCycleTime().toMillis(),
                settings.maxClockJump());
        return new OeeTopology.Settings(rules, new CalendarBook(CalendarSettings.calendar(settings.config())),
                settings.liveInterval(), TopicCatalogue.from(settings.platform()), serdes, meters);
    }

    /** Provisions the site's topics, then starts the HTTP endpoint and the stream threads. */
    public synchronized OeeService start() {
        PlatformConfig platform = settings.platform();
        ProvisioningReport report = provisionTopics(platform);
        LOG.info("Topics of site {}: {}", platform.site(), report);
        httpPort = settings.httpPort() == 0 ? freePort() : settings.httpPort();
        registry = new RestSchemaRegistryClient(platform.schemaRegistryUrl());
        Properties props = streamsProperties(platform);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        OeeSerdes serdes = OeeSerdes.on(registry);
        OeeTopology.build(builder, topologySettings(settings, serdes, metrics.registry()));
        Topology topology = builder.build(props);
        streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> LOG.info("OEE streams {} -> {}", before, now));
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("OEE stream thread failed; replacing it (its tasks restart from the last commit)", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics.bindKafka(streams);
        endpoint = OeeHttp.endpoint(metrics, settings, httpPort, streams, serdes).start();
        streams.start();
        LOG.info("OEE service started: application {}, queries and metrics at {}", settings.applicationId(),
                endpoint.url());
        return this;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Base URL of the query API and /metrics. */
    public URI url() {
        return endpoint.url();
    }

    /** Waits until the stream threads run (all tasks restored and assigned), or the timeout passes. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return StreamsRunning.await(streams, timeout);
    }

    private Properties streamsProperties(PlatformConfig platform) {
        Map<String, Object> configs = StreamsDefaults.configs(platform, settings.applicationId(), settings.stateDir(),
                settings.threads());
        configs.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.advertisedHost() + ":" + httpPort);
        configs.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        // States and counts come on two topics, quality results and work orders on a third. A task
        // waits for a partition only while it has records on the broker not fetched yet (0, Kafka's
        // default), which keeps the topics in step through a backlog or a replay. Waiting also for
        // partitions with nothing on the broker (2000 ms before) stalls a machine's task that long each
        // time the sparse third topic or a quiet state topic runs empty (measured: the bench's app
        // stood 4 s at start). The price: a producer writing minutes of plant time per millisecond to
        // one topic ahead of the other (the bench's smoke run writes its whole stream in 0.1 s) can
        // make some events of the other late (dead-lettered, with the reason). -1 (never wait) made
        // most state changes of a backlog late.
        configs.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        // Exactly-once results show after a commit: every 250 ms keeps a dashboard within a second
        // (p99 change -> live under 300 ms measured) and writes each busy machine's state
        // 2.5 times less often than the default 100 ms (measured: 14 % more throughput).
        configs.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L);
        StreamsDeadLetters.configure(configs, topics.deadLetter().name(), new DeadLetterMetrics(metrics.registry()));
        Properties props = new Properties();
        props.putAll(configs);
        return props;
    }

    private ProvisioningReport provisionTopics(PlatformConfig platform) {
        try (Admin admin = Admin.create(platform.adminConfigs())) {
            return new TopicProvisioner(admin).provision(topics.all());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the OEE query API", e);
        }
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (registry instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the registry client failed", e);
            }
        }
    }
}
