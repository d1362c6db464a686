package io.takt.genealogy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.config.Validator;

/** The settings of streams-genealogy ({@code genealogy.*}), typed and validated once at start-up. */
public final class GenealogySettings {

    public static final ConfigKey<String> APPLICATION_ID =
            ConfigKey.of("genealogy.application.id", ConfigType.STRING)
                    .withDefault("takt-genealogy")
                    .withValidator(Validator.notBlank())
                    .withDoc("Kafka Streams application id: consumer group and prefix of the internal topics.");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.of("genealogy.state.dir", ConfigType.PATH)
            .withDefault(Path.of("data/genealogy"))
            .withDoc("Where the RocksDB stores live, the whole lot graph among them (global stores).");
    public static final ConfigKey<Integer> THREADS = ConfigKey.of("genealogy.threads", ConfigType.INT)
            .withDefault(1)
            .withValidator(Validator.between(1, 64))
            .withDoc("Stream threads of this instance.");
    public static final ConfigKey<String> HTTP_HOST = ConfigKey.of("genealogy.http.host", ConfigType.STRING)
            .withDefault("0.0.0.0")
            .withDoc("Address the trace API, /metrics and /health listen on.");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.of("genealogy.http.port", ConfigType.INT)
            .withDefault(8084)
            .withValidator(Validator.between(0, 65535))
            .withDoc("Port of the trace API, /metrics and /health; 0 picks a free one.");
    public static final ConfigKey<Integer> MAX_DEPTH = ConfigKey.of("genealogy.trace.max-depth", ConfigType.INT)
            .withDefault(50)
            .withValidator(Validator.between(1, 1000))
            .withDoc("Deepest trace a request may ask for (and the depth of recall scopes).");
    public static final ConfigKey<List<String>> SHIPMENT_MATERIALS =
            ConfigKey.of("genealogy.shipment.materials", ConfigType.LIST)
                    .withDefault(List.of())
                    .withDoc("Materials whose lots are shipments to customers (e.g. DELIVERY): a recall scope lists "
                            + "the shipment lots reached.");
    public static final ConfigKey<URI> OEE_URL = ConfigKey.of("genealogy.oee.url", ConfigType.URL)
            .optional()
            .withDoc("Base URL of streams-oee's query API (e.g. http://localhost:8083): batch records then show the "
                    + "OEE and stops of the producing machine during the lot.");

    public static final ConfigKey<Duration> REORDER_WINDOW =
            ConfigKey.of("genealogy.reorder.window", ConfigType.DURATION)
                    .withDefault(Duration.ofMinutes(10))
                    .withValidator(Validator.between(Duration.ZERO, Duration.ofHours(24)))
                    .withDoc("How far (in event time, behind a station's newest movement) a movement of that station "
                            + "may arrive late and still be linked in its place: movements of different lots travel "
                            + "on different partitions, and drift apart while the app catches up on a backlog. A later "
                            + "one goes to the dead-letter topic (late-movement). Each station keeps at most 256.");

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(APPLICATION_ID, STATE_DIR, THREADS, HTTP_HOST, HTTP_PORT, MAX_DEPTH, SHIPMENT_MATERIALS, OEE_URL,
                    REORDER_WINDOW)
            .include(PlatformConfig.DEFINITION)
            .build();

    private final TaktConfig config;

    private GenealogySettings(TaktConfig config) {
        this.config = config;
    }

    /** The view of a config validated against {@link #DEFINITION}. */
    public static GenealogySettings from(TaktConfig config) {
        return new GenealogySettings(config);
    }

    public PlatformConfig platform() {
        return PlatformConfig.from(config);
    }

    public String applicationId() {
        return config.get(APPLICATION_ID);
    }

    public Path stateDir() {
        return config.get(STATE_DIR);
    }

    public int threads() {
        return config.get(THREADS);
    }

    public String httpHost() {
        return config.get(HTTP_HOST);
    }

    public int httpPort() {
        return config.get(HTTP_PORT);
    }

    public int maxDepth() {
        return config.get(MAX_DEPTH);
    }

    public List<String> shipmentMaterials() {
        return config.get(SHIPMENT_MATERIALS);
    }

    public Duration reorderWindow() {
        return config.get(REORDER_WINDOW);
    }

    public Optional<URI> oeeUrl() {
        return config.find(OEE_URL);
    }
}
