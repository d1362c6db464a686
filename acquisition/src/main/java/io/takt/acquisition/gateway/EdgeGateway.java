package io.takt.acquisition.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.takt.acquisition.delivery.DeliveryConfig;
import io.takt.acquisition.delivery.StoreAndForward;
import io.takt.acquisition.mapping.SequenceStore;
import io.takt.acquisition.mapping.TagMapper;
import io.takt.acquisition.source.TagSource;
import io.takt.acquisition.tagmap.SourceDefinition;
import io.takt.acquisition.tagmap.TagMap;
import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigOrigin;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.config.Validator;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.topic.TopicCatalogue;

/**
 * The edge gateway as one service: the tag map's sources feed the mapper, which writes canonical
 * events ahead to the disk buffer, from which they are delivered to Kafka exactly once. Built and
 * validated in {@link #create}, so a bad tag map or config fails before anything connects; then
 * {@link #start()} / {@link #close()}. {@code takt acquire}, the demo and the tests use it alike.
 */
public final class EdgeGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeGateway.class);

    public static final ConfigKey<Path> TAG_MAP = ConfigKey.of("gateway.tag.map", ConfigType.PATH).required()
            .withDoc("The tag map (YAML): equipment, sources and what each tag means.");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.of("gateway.state.dir", ConfigType.PATH)
            .withDefault(Path.of("data/gateway"))
            .withDoc("Where the gateway keeps its sequence numbers and OPC UA certificates (PKI).");

    public static final ConfigKey<String> HTTP_HOST = ConfigKey.of("gateway.http.host", ConfigType.STRING)
            .withDefault("0.0.0.0")
            .withValidator(Validator.notBlank())
            .withDoc("Address /metrics, /health and /ready listen on.");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.of("gateway.http.port", ConfigType.INT)
            .withDefault(9464)
            .withValidator(Validator.between(0, 65535))
            .withDoc("Port of /metrics (Prometheus), /health and /ready; 0 picks a free one.");

    /** Everything the gateway reads: its own keys, the buffer's and the platform's. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .include(StoreAndForward.DEFINITION)
            .define(TAG_MAP, STATE_DIR, HTTP_HOST, HTTP_PORT)
            .build();

    private final TagMap tagMap;
    private final StoreAndForward outbox;
    private final TagMapper mapper;
    private final List<TagSource> sources;
    private final SourceStatistics statistics;

    private EdgeGateway(TagMap tagMap, StoreAndForward outbox, TagMapper mapper, List<TagSource> sources,
            SourceStatistics statistics) {
        this.tagMap = tagMap;
        this.outbox = outbox;
        this.mapper = mapper;
        this.sources = sources;
        this.statistics = statistics;
    }

    /**
     * Loads and checks a tag map with every source type's checks, without building anything: for
     * {@code takt acquire check}.
     *
     * @throws io.takt.acquisition.tagmap.TagMapException naming every problem by line
     */
    public static TagMap checkTagMap(Path file) {
        return TagMap.load(file, SourceKind.checks());
    }

    /**
     * Loads the tag map and builds every part; connects nothing yet.
     *
     * @param config validated against {@link #DEFINITION}
     * @throws io.takt.acquisition.tagmap.TagMapException naming every problem of the tag map by line
     * @throws ConfigException if the config contradicts the tag map
     */
    public static EdgeGateway create(TaktConfig config, MeterRegistry meters) {
        TagMap tagMap = checkTagMap(config.get(TAG_MAP));
        TaktConfig effective = agreeWithTagMap(config, tagMap);
        Path stateDir = config.get(STATE_DIR);
        PlatformConfig platform = PlatformConfig.from(effective);
        TopicCatalogue topics = TopicCatalogue.forSite(tagMap.gateway().site(), platform.topicPartitions(),
                platform.topicReplicationFactor());
        StoreAndForward outbox = new StoreAndForward(effective,
                new RestSchemaRegistryClient(platform.schemaRegistryUrl()), meters);
        TagMapper mapper = new TagMapper(tagMap, topics, outbox, SequenceStore.open(stateDir.resolve("sequences")));
        SourceStatistics statistics = new SourceStatistics(mapper, meters);
        List<TagSource> sources = new ArrayList<>();
        for (SourceDefinition source : tagMap.sources()) {
            sources.add(SourceKind.open(source, tagMap.tagsOf(source.id()), stateDir, tagMap.gateway().id()));
        }
        statistics.bind(sources);
        return new EdgeGateway(tagMap, outbox, mapper, sources, statistics);
    }

    /** Opens the buffer and starts delivery, then every source; returns at once (sources connect in the background). */
    public synchronized EdgeGateway start() {
        outbox.start();
        sources.forEach(source -> source.start(statistics));
        LOG.info("Gateway {} for site {} started: {} source(s), {} tag(s), {} machine(s), tag map {}",
                tagMap.gateway().id(), tagMap.gateway().site(), sources.size(), tagMap.tags().size(),
                tagMap.equipment().size(), tagMap.file());
        return this;
    }

    /** Sources, tags and delivery right now: what {@code takt acquire} prints. */
    public GatewayStatus status() {
        return new GatewayStatus(tagMap.gateway(), sources.stream().map(TagSource::status).toList(),
                statistics.snapshot(), outbox.status());
    }

    public TagMap tagMap() {
        return tagMap;
    }

    /** Stops the sources first, so nothing arrives at a closed buffer, then the mapper and delivery. */
    @Override
    public synchronized void close() {
        for (TagSource source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                LOG.warn("Source {} did not close cleanly: {}", source.id(), e.getMessage());
            }
        }
        mapper.close();
        outbox.close();
        LOG.info("Gateway {} stopped", tagMap.gateway().id());
    }

    // The tag map names the gateway and its site; a config file saying otherwise is a mistake to
    // report, not a choice to make silently.
    private static TaktConfig agreeWithTagMap(TaktConfig config, TagMap tagMap) {
        List<String> problems = new ArrayList<>();
        disagreement(config, DeliveryConfig.GATEWAY_ID, tagMap.gateway().id(), problems);
        disagreement(config, PlatformConfig.SITE, tagMap.gateway().site(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        String from = "tag map " + tagMap.file();
        return config.with(DeliveryConfig.GATEWAY_ID, tagMap.gateway().id(), from)
                .with(PlatformConfig.SITE, tagMap.gateway().site(), from);
    }

    private static void disagreement(TaktConfig config, ConfigKey<String> key, String fromTagMap,
            List<String> problems) {
        boolean given = config.origin(key).filter(o -> o.kind() != ConfigOrigin.Kind.DEFAULT).isPresent();
        if (given && !config.get(key).equals(fromTagMap)) {
            problems.add("'" + key.name() + "' is '" + config.get(key) + "' (" + config.origin(key).orElseThrow()
                    + ") but the tag map says '" + fromTagMap + "': set it in one place, the tag map");
        }
    }
}
