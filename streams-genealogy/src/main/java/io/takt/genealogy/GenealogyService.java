package io.takt.genealogy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.genealogy.query.GenealogyApi;
import io.takt.genealogy.topology.GenealogyCounters;
import io.takt.genealogy.topology.GenealogyTopology;
import io.takt.genealogy.trace.LotGraph;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.StreamsDeadLetters;
import io.takt.platform.http.ReadinessCheck;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.kafka.StreamsDefaults;
import io.takt.platform.kafka.StreamsRunning;
import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;
import io.takt.schemas.WorkOrder;

/**
 * The streams-genealogy service: the genealogy topology on Kafka Streams (exactly-once, RocksDB
 * stores, the whole lot graph in global stores) with its HTTP endpoint (the trace API, /metrics,
 * /health, /ready). The CLI, the demo and the integration tests create it the same way.
 */
public final class GenealogyService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GenealogyService.class);

    private final GenealogySettings settings;
    private final ServiceMetrics metrics;
    private final TopicCatalogue topics;
    private KafkaStreams streams;
    private ServiceEndpoint endpoint;

    private GenealogyService(GenealogySettings settings, ServiceMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.topics = TopicCatalogue.from(settings.platform());
    }

    /**
     * @param config  validated against {@link GenealogySettings#DEFINITION}
     * @param metrics where the service's meters go; the caller owns and closes it
     */
    public static GenealogyService create(TaktConfig config, ServiceMetrics metrics) {
        return new GenealogyService(GenealogySettings.from(config), metrics);
    }

    /** Provisions the site's topics, then starts the HTTP endpoint and the stream threads. */
    public synchronized GenealogyService start() {
        PlatformConfig platform = settings.platform();
        try (Admin admin = Admin.create(platform.adminConfigs())) {
            LOG.info("Topics of site {}: {}", platform.site(), new TopicProvisioner(admin).provision(topics.all()));
        }
        SchemaRegistryClient registry = new RestSchemaRegistryClient(platform.schemaRegistryUrl());
        GenealogyTopology.RecordSerdes serdes = GenealogyTopology.RecordSerdes.on(registry);
        Properties props = streamsProperties(platform);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        GenealogyTopology.build(builder, topics, serdes, settings.reorderWindow(),
                new GenealogyCounters(metrics.registry()));
        streams = new KafkaStreams(builder.build(props), props);
        streams.setStateListener((now, before) -> LOG.info("Genealogy streams {} -> {}", before, now));
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("Genealogy stream thread failed; replacing it (its tasks restart from the last commit)", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics.bindKafka(streams);
        LotGraph.Decoders decoders = new LotGraph.Decoders(serdes.edges().deserializer(), serdes.lots().deserializer(),
                TaktSerdes.specific(WorkOrder.class, registry, false).deserializer(), topics);
        ServiceEndpoint.Builder http = ServiceEndpoint.builder(metrics).host(settings.httpHost())
                .port(settings.httpPort())
                .readiness("kafka-streams", ReadinessCheck.kafkaStreams(streams));
        GenealogyApi.register(http, () -> graph(decoders), settings);
        endpoint = http.build().start();
        streams.start();
        LOG.info("Genealogy service started: application {}, trace API and metrics at {}", settings.applicationId(),
                endpoint.url());
        return this;
    }

    private LotGraph graph(LotGraph.Decoders decoders) {
        return new LotGraph(
                streams.store(StoreQueryParameters.fromNameAndType(GenealogyTopology.GRAPH,
                        QueryableStoreTypes.<String, byte[]>keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(GenealogyTopology.LOT_INDEX,
                        QueryableStoreTypes.<String, byte[]>keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(GenealogyTopology.WORK_ORDERS,
                        QueryableStoreTypes.<String, byte[]>timestampedKeyValueStore())),
                decoders);
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Base URL of the trace API and /metrics. */
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
        // Edges show on the genealogy topic, and so in every instance's graph, after a commit.
        configs.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L);
        // A station's movements come over all partitions of the movement topic, read by different
        // tasks. Fetching 1 MiB a partition let one partition run minutes of plant time ahead of another
        // while catching up on a backlog (measured: 5 % of the movements beyond the reorder window);
        // 64 KiB keeps them in step at the same rate.
        configs.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                64 * 1024);
        StreamsDeadLetters.configure(configs, topics.deadLetter().name(), new DeadLetterMetrics(metrics.registry()));
        Properties props = new Properties();
        props.putAll(configs);
        return props;
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
