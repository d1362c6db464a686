package io.takt.erp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.Password;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.config.Validator;

/** The settings of the erp-connector ({@code erp.*}), typed and validated once at start-up. */
public final class ErpSettings {

    public static final ConfigKey<String> JDBC_URL = ConfigKey.of("erp.jdbc.url", ConfigType.STRING)
            .optional()
            .withValidator(Validator.matches("jdbc:postgresql://[^/:]+(:\\d+)?/[^?]+(\\?.*)?",
                    "a jdbc:postgresql://host[:port]/database URL"))
            .withDoc("The ERP's PostgreSQL database; unset runs the embedded ERP stand-in (demo, tests).");
    public static final ConfigKey<String> USER = ConfigKey.of("erp.user", ConfigType.STRING)
            .withDefault("takt_cdc")
            .withDoc("Database user with the REPLICATION attribute and SELECT on the captured tables.");
    public static final ConfigKey<Password> PASSWORD = ConfigKey.of("erp.password", ConfigType.PASSWORD)
            .withDefault(new Password(""))
            .withDoc("Its password (better from the environment: TAKT_ERP_PASSWORD).");
    public static final ConfigKey<Path> MAPPING_FILE = ConfigKey.of("erp.mapping.file", ConfigType.PATH)
            .optional()
            .withDoc("The identity mapping (work-center.<id>, material.<code>, uom.<unit> = Takt id); required "
                    + "with erp.jdbc.url, the stand-in's own mapping otherwise.");
    public static final ConfigKey<String> SLOT_NAME = ConfigKey.of("erp.slot.name", ConfigType.STRING)
            .withDefault("takt_erp")
            .withValidator(Validator.matches("[a-z0-9_]{1,63}", "of lower-case letters, digits and '_'"))
            .withDoc("Replication slot this connector reads (one per connector; drop it when retiring the connector, "
                    + "or the ERP keeps its WAL).");
    public static final ConfigKey<String> PUBLICATION_NAME = ConfigKey.of("erp.publication.name", ConfigType.STRING)
            .withDefault("takt_erp")
            .withValidator(Validator.matches("[a-z0-9_]{1,63}", "of lower-case letters, digits and '_'"))
            .withDoc("Publication of the captured tables; created (filtered to them) when missing.");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.of("erp.state.dir", ConfigType.PATH)
            .withDefault(Path.of("data/erp"))
            .withDoc("Where the connector keeps its position in the ERP's log (and the embedded ERP its database).");
    public static final ConfigKey<Boolean> STAND_IN_SEED = ConfigKey.of("erp.stand-in.seed", ConfigType.BOOLEAN)
            .withDefault(true)
            .withDoc("Without erp.jdbc.url: load the stand-in's 300 seed orders into a new embedded ERP database; "
                    + "false starts it with the schema only (the demo fills it with the simulated plant's orders).");

    public static final ConfigKey<Boolean> CONFIRMATIONS = ConfigKey.of("erp.confirmations", ConfigType.BOOLEAN)
            .withDefault(true)
            .withDoc("Derive production confirmations from the machine events (confirmation topic) and write them "
                    + "into the ERP's confirmation table; false runs the work-order capture alone.");
    public static final ConfigKey<String> CONFIRMATION_TABLE =
            ConfigKey.of("erp.confirmation.table", ConfigType.STRING)
                    .withDefault("erp.confirmation")
                    .withValidator(Validator.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?",
                            "a table name, optionally schema-qualified (schema.table)"))
                    .withDoc("The ERP table confirmations are upserted into, keyed by confirmation_id (erp.user "
                            + "needs INSERT and UPDATE on it).");
    public static final ConfigKey<Duration> CONFIRMATION_INTERVAL =
            ConfigKey.of("erp.confirmation.interval", ConfigType.DURATION)
                    .withDefault(Duration.ofSeconds(5))
                    .withValidator(Validator.between(Duration.ofMillis(100), Duration.ofHours(1)))
                    .withDoc("How often a running order's confirmation is rewritten at most: the totals go out "
                            + "once an interval, the newest only.");

    public static final ConfigKey<String> CONFIRMATION_SINK = ConfigKey.of("erp.confirmation.sink", ConfigType.STRING)
            .withDefault("in-process")
            .withValidator(Validator.oneOf("in-process", "external"))
            .withDoc("Who writes the confirmations into the ERP: in-process (a Kafka Connect worker in this process) "
                    + "or external (a Kafka Connect cluster running deploy/connect/erp-confirmation-sink.json).");

    public static final ConfigKey<String> HTTP_HOST = ConfigKey.of("erp.http.host", ConfigType.STRING)
            .withDefault("0.0.0.0")
            .withValidator(Validator.notBlank())
            .withDoc("Address /metrics, /health and /ready listen on.");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.of("erp.http.port", ConfigType.INT)
            .withDefault(8085)
            .withValidator(Validator.between(0, 65535))
            .withDoc("Port of /metrics, /health and /ready; 0 picks a free one.");

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(JDBC_URL, USER, PASSWORD, MAPPING_FILE, SLOT_NAME, PUBLICATION_NAME, STATE_DIR, STAND_IN_SEED,
                    CONFIRMATIONS,
                    CONFIRMATION_TABLE, CONFIRMATION_INTERVAL, CONFIRMATION_SINK, HTTP_HOST, HTTP_PORT)
            .include(PlatformConfig.DEFINITION)
            .build();

    private final TaktConfig config;

    private ErpSettings(TaktConfig config) {
        this.config = config;
        if (jdbcUrl().isPresent() && mappingFile().isEmpty()) {
            throw new ConfigException(List.of("erp.mapping.file must be set with erp.jdbc.url: the ERP's "
                    + "codes need a mapping to Takt ids"));
        }
    }

    /** The view of a config validated against {@link #DEFINITION}. */
    public static ErpSettings from(TaktConfig config) {
        return new ErpSettings(config);
    }

    public PlatformConfig platform() {
        return PlatformConfig.from(config);
    }

    public Optional<String> jdbcUrl() {
        return config.find(JDBC_URL);
    }

    /** The external ERP database, when {@code erp.jdbc.url} is set. */
    public Optional<ErpDatabase> database() {
        return jdbcUrl().map(url -> {
            URI uri = URI.create(url.substring("jdbc:".length()));
            return new ErpDatabase(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    uri.getPath().substring(1), config.get(USER), config.get(PASSWORD).value());
        });
    }

    public Optional<Path> mappingFile() {
        return config.find(MAPPING_FILE);
    }

    public String slotName() {
        return config.get(SLOT_NAME);
    }

    public String publicationName() {
        return config.get(PUBLICATION_NAME);
    }

    public Path stateDir() {
        return config.get(STATE_DIR);
    }

    /** Whether a new embedded stand-in gets the seed orders. */
    public boolean standInSeed() {
        return config.get(STAND_IN_SEED);
    }

    public boolean confirmations() {
        return config.get(CONFIRMATIONS);
    }

    public String confirmationTable() {
        return config.get(CONFIRMATION_TABLE);
    }

    public Duration confirmationInterval() {
        return config.get(CONFIRMATION_INTERVAL);
    }

    public String httpHost() {
        return config.get(HTTP_HOST);
    }

    public int httpPort() {
        return config.get(HTTP_PORT);
    }

    /** Whether the Kafka Connect worker writing confirmations into the ERP runs in this process. */
    public boolean confirmationSinkInProcess() {
        return config.get(CONFIRMATION_SINK).equals("in-process");
    }
}
