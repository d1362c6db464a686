package io.takt.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDefinitionTest {

    enum FsyncPolicy { EVERY_RECORD, EVERY_BATCH }

    static final ConfigKey<Integer> PORT = ConfigKey.of("registry.port", ConfigType.INT)
            .withDefault(8081)
            .withValidator(Validator.between(0, 65535))
            .withDoc("TCP port of the schema registry; 0 picks a free port.");
    static final ConfigKey<Duration> GRACE = ConfigKey.of("oee.grace", ConfigType.DURATION)
            .withDefault(Duration.ofMinutes(5))
            .withValidator(Validator.atLeast(Duration.ZERO))
            .withDoc("How late an event may arrive and still be counted.");
    static final ConfigKey<String> JDBC_URL = ConfigKey.of("erp.jdbc.url", ConfigType.STRING)
            .required()
            .withValidator(Validator.notBlank())
            .withDoc("JDBC URL of the ERP database.");
    static final ConfigKey<Password> JDBC_PASSWORD = ConfigKey.of("erp.jdbc.password", ConfigType.PASSWORD)
            .optional()
            .withValidator(Validator.of((Password p) -> p.value().length() >= 8, "of at least 8 characters"))
            .withDoc("Password of the ERP database user.");
    static final ConfigKey<FsyncPolicy> FSYNC = ConfigKey.of("buffer.fsync", ConfigType.enumOf(FsyncPolicy.class))
            .withDefault(FsyncPolicy.EVERY_BATCH)
            .withDoc("When the edge buffer forces writes to disk.");
    static final ConfigKey<Boolean> SIMULATE = ConfigKey.of("simulator.enabled", ConfigType.BOOLEAN)
            .withDefault(false)
            .withDoc("Run the plant simulator instead of real sources.");

    static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .include(PlatformConfig.DEFINITION)
            .define(PORT, GRACE, JDBC_URL, JDBC_PASSWORD, FSYNC, SIMULATE)
            .build();

    @TempDir
    Path dir;

    @Test
    void shouldFallBackToDefaultsAndReadTypedValues() {
        // Given only the one required key
        ConfigSources sources = ConfigSources.builder().override("erp.jdbc.url", "jdbc:postgresql://erp/db").build();

        // When validated
        TaktConfig config = DEFINITION.validate(sources);

        // Then every other key has its typed default
        assertThat(config.get(PORT)).isEqualTo(8081);
        assertThat(config.get(GRACE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.get(FSYNC)).isEqualTo(FsyncPolicy.EVERY_BATCH);
        assertThat(config.get(PlatformConfig.SITE)).isEqualTo("site1");
        assertThat(config.find(JDBC_PASSWORD)).isEmpty();
        assertThat(config.origin(PORT)).contains(new ConfigOrigin(ConfigOrigin.Kind.DEFAULT, "default"));
    }

    @Test
    void shouldLetEnvironmentBeatFileAndOverridesBeatBoth() throws IOException {
        // Given the port in all three sources, and the grace only in the file
        Path file = write("takt.properties", """
                erp.jdbc.url=jdbc:postgresql://erp/db
                registry.port=1000
                oee.grace=2m
                site=from-file
                """);
        ConfigSources sources = ConfigSources.builder()
                .file(file)
                .environment(Map.of("TAKT_REGISTRY_PORT", "2000", "TAKT_SITE", "from-env"))
                .set("registry.port=3000")
                .build();

        // When validated
        TaktConfig config = DEFINITION.validate(sources);

        // Then each key takes its value from the highest source that sets it
        assertThat(config.get(PORT)).isEqualTo(3000);
        assertThat(config.origin(PORT).orElseThrow().kind()).isEqualTo(ConfigOrigin.Kind.OVERRIDE);
        assertThat(config.get(PlatformConfig.SITE)).isEqualTo("from-env");
        assertThat(config.origin(PlatformConfig.SITE).orElseThrow().location()).isEqualTo("TAKT_SITE");
        assertThat(config.get(GRACE)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.origin(GRACE).orElseThrow().location()).isEqualTo(file + ", key 'oee.grace'");
    }

    @Test
    void shouldFlattenNestedYamlAndKeepScalarsAsTyped() throws IOException {
        // Given nested YAML, a list, and a site that YAML 1.1 would read as the number 7
        Path file = write("takt.yaml", """
                site: 007
                erp:
                  jdbc:
                    url: jdbc:postgresql://erp/db
                kafka:
                  bootstrap.servers:
                    - broker-1:9092
                    - broker-2:9092
                  producer:
                    linger.ms: 20
                buffer:
                  fsync: every-record
                simulator.enabled: TRUE
                """);

        // When validated
        TaktConfig config = DEFINITION.validate(ConfigSources.builder().file(file).build());

        // Then nested maps became dotted keys and the text was kept as typed
        assertThat(config.get(PlatformConfig.SITE)).isEqualTo("007");
        assertThat(config.get(JDBC_URL)).isEqualTo("jdbc:postgresql://erp/db");
        assertThat(config.get(PlatformConfig.KAFKA_BOOTSTRAP_SERVERS)).containsExactly("broker-1:9092", "broker-2:9092");
        assertThat(config.get(FSYNC)).isEqualTo(FsyncPolicy.EVERY_RECORD);
        assertThat(config.get(SIMULATE)).isTrue();
        assertThat(config.passThrough("kafka.producer.")).containsExactly(Map.entry("linger.ms", "20"));
    }

    @Test
    void shouldNameKeyValueEnvVarAndAllowedRangeInTheMessage() {
        // Given a port that is not a number, set through the environment
        ConfigSources sources = ConfigSources.builder()
                .environment(Map.of("TAKT_REGISTRY_PORT", "abc", "TAKT_ERP_JDBC_URL", "jdbc:x"))
                .build();

        // When validated, Then the message says what, where from, and what is allowed
        assertThatThrownBy(() -> DEFINITION.validate(sources))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration: Invalid value 'abc' for 'registry.port' (from TAKT_REGISTRY_PORT):"
                        + " must be an integer in [0, 65535]");
    }

    @Test
    void shouldCollectEveryProblemIntoOneException() throws IOException {
        // Given four mistakes across file, environment and overrides, and the required key missing
        Path file = write("takt.yaml", """
                oee:
                  grace: 5 minutes
                kafka:
                  bootstrap:
                    server: broker:9092
                """);
        ConfigSources sources = ConfigSources.builder()
                .file(file)
                .environment(Map.of("TAKT_REGISTRY_PORT", "70000"))
                .set("site=Plant 7")
                .set("no-equals-sign")
                .build();

        // When validated
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DEFINITION.validate(sources));

        // Then all of them are reported together, each naming its key and origin
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "Unknown key 'kafka.bootstrap.server' in " + file + ": did you mean 'kafka.bootstrap.servers'?",
                "Invalid --set 'no-equals-sign': expected key=value",
                "Invalid value 'Plant 7' for 'site' (from --set site): must be a string of lower-case letters,"
                        + " digits and inner hyphens, e.g. plant-7",
                "Invalid value '70000' for 'registry.port' (from TAKT_REGISTRY_PORT): must be an integer in [0, 65535]",
                "Invalid value '5 minutes' for 'oee.grace' (from " + file + ", key 'oee.grace'): must be a duration"
                        + " such as 500ms, 30s, 5m, 2h or 7d of at least 0s",
                "Missing value for required 'erp.jdbc.url': must be a string that is not blank; set it in the"
                        + " config file, as TAKT_ERP_JDBC_URL or with --set erp.jdbc.url=...");
        assertThat(e.getMessage()).startsWith("Invalid configuration (6 problems):");
    }

    @Test
    void shouldRejectUnknownOverrideAndHintAtPassThroughPrefixes() {
        // Given a client setting given without its prefix
        ConfigSources sources = ConfigSources.builder()
                .override("erp.jdbc.url", "jdbc:x")
                .override("linger.ms", "5")
                .build();

        // When validated, Then it is refused with a pointer to where client settings go
        assertThatThrownBy(() -> DEFINITION.validate(sources))
                .hasMessageContaining("Unknown key 'linger.ms' in --set: no such setting (client settings go under"
                        + " kafka.producer., kafka.consumer., kafka.streams., kafka.admin.)");
    }

    @Test
    void shouldNeverShowAPasswordInErrorsOrDescriptions() {
        // Given a password too short for its validator
        ConfigSources sources = ConfigSources.builder()
                .override("erp.jdbc.url", "jdbc:x")
                .environment(Map.of("TAKT_ERP_JDBC_PASSWORD", "s3cr3t"))
                .build();

        // When validated, Then the error names the key but not the secret
        assertThatThrownBy(() -> DEFINITION.validate(sources))
                .hasMessage("Invalid configuration: Invalid value [hidden] for 'erp.jdbc.password'"
                        + " (from TAKT_ERP_JDBC_PASSWORD): must be a password of at least 8 characters")
                .message().doesNotContain("s3cr3t");

        // And when valid, the effective-config listing masks it and sensitive pass-through keys too
        TaktConfig config = DEFINITION.validate(ConfigSources.builder()
                .override("erp.jdbc.url", "jdbc:x")
                .override("erp.jdbc.password", "long-enough-secret")
                .override("kafka.producer.sasl.jaas.config", "PlainLoginModule password=\"p4ss\";")
                .build());
        assertThat(config.get(JDBC_PASSWORD).value()).isEqualTo("long-enough-secret");
        assertThat(config.toString())
                .contains("erp.jdbc.password = [hidden] (--set erp.jdbc.password)")
                .contains("kafka.producer.sasl.jaas.config = [hidden]")
                .doesNotContain("long-enough-secret").doesNotContain("p4ss");
    }

    @Test
    void shouldPassArbitrarySubKeysFromFileAndEnvironment() throws IOException {
        // Given client settings in the file and one overridden by an env var
        Path file = write("takt.properties", """
                erp.jdbc.url=jdbc:x
                kafka.producer.linger.ms=5
                kafka.producer.compression.type=lz4
                kafka.streams.num.stream.threads=2
                """);
        ConfigSources sources = ConfigSources.builder()
                .file(file)
                .environment(Map.of("TAKT_KAFKA_PRODUCER_LINGER_MS", "50", "TAKT_KAFKA_CONSUMER_MAX_POLL_RECORDS", "10"))
                .build();

        // When validated
        TaktConfig config = DEFINITION.validate(sources);

        // Then each prefix yields its sub-keys with the prefix removed, env winning over file
        assertThat(config.passThrough("kafka.producer."))
                .isEqualTo(Map.of("linger.ms", "50", "compression.type", "lz4"));
        assertThat(config.passThrough("kafka.consumer.")).isEqualTo(Map.of("max.poll.records", "10"));
        assertThat(config.passThrough("kafka.streams.")).isEqualTo(Map.of("num.stream.threads", "2"));
        assertThat(config.passThrough("kafka.admin.")).isEmpty();
        assertThat(PlatformConfig.from(config).producerConfigs())
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("linger.ms", "50");
    }

    @Test
    void shouldWarnAboutUnknownTaktVariablesButIgnoreReservedAndForeignOnes() {
        // Given a misspelt TAKT_ variable, those the launcher, logback.xml and the CLI read for
        // themselves, and an unrelated one
        ConfigSources sources = ConfigSources.builder()
                .override("erp.jdbc.url", "jdbc:x")
                .environment(Map.of(
                        "TAKT_REGISTRY_PROT", "9000",
                        "TAKT_CONFIG", "/etc/takt/takt.yaml",
                        "TAKT_HOME", "/opt/takt",
                        "TAKT_JAVA_OPTS", "-Xmx1g",
                        "TAKT_LOG_LEVEL", "DEBUG",
                        "TAKT_DEBUG", "1",
                        "PATH", "/usr/bin"))
                .build();

        // When validated
        TaktConfig config = DEFINITION.validate(sources);

        // Then start-up goes on, with one warning naming the likely intended variable
        assertThat(config.get(PORT)).isEqualTo(8081);
        assertThat(config.warnings()).containsExactly(
                "Ignoring environment variable TAKT_REGISTRY_PROT: it sets no Takt setting"
                        + " (did you mean TAKT_REGISTRY_PORT?)");
    }

    @Test
    void shouldCheckEveryRuleButDemandNoKeyWhenNothingIsRequired() {
        // Given the definition with erp.jdbc.url required, made lenient as 'takt config check' uses it
        ConfigDefinition lenient = DEFINITION.withNothingRequired();

        // When validated without erp.jdbc.url, Then that is fine, and the key is still described
        TaktConfig config = lenient.validate(ConfigSources.builder().build());
        assertThat(config.find(JDBC_URL)).isEmpty();
        assertThat(lenient.key("erp.jdbc.url")).hasValueSatisfying(k -> assertThat(k.doc()).isEqualTo(JDBC_URL.doc()));
        assertThat(lenient.passThroughs()).hasSameSizeAs(DEFINITION.passThroughs());

        // But a value set for it must still follow its rules
        assertThatThrownBy(() -> lenient.validate(ConfigSources.builder().override("erp.jdbc.url", " ").build()))
                .hasMessageContaining("erp.jdbc.url");
    }

    @Test
    void shouldReportAMissingOrWronglyNamedFile() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        Path wrongType = write("takt.json", "{}");
        ConfigSources.Builder base = ConfigSources.builder().override("erp.jdbc.url", "jdbc:x");

        assertThatThrownBy(() -> DEFINITION.validate(base.file(missing).build()))
                .hasMessage("Invalid configuration: Config file " + missing + " does not exist or is not a file");
        assertThatThrownBy(() -> DEFINITION.validate(base.file(wrongType).build()))
                .hasMessage("Invalid configuration: Config file " + wrongType + " must end in .properties, .yaml or .yml");
    }

    @Test
    void shouldRefuseYamlWithDuplicateKeys() throws IOException {
        // Given the same key twice: which one was meant cannot be known
        Path file = write("takt.yml", """
                site: a
                site: b
                """);

        assertThatThrownBy(() -> DEFINITION.validate(ConfigSources.builder().file(file).build()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid YAML")
                .hasMessageContaining("site");
    }

    @Test
    void shouldRefuseADefinitionThatContradictsItself() {
        // A default its own validator rejects
        assertThatThrownBy(() -> ConfigDefinition.builder()
                .define(ConfigKey.of("a.port", ConfigType.INT).withValidator(Validator.between(1, 10)).withDefault(0))
                .build())
                .hasMessage("Default 0 of config key 'a.port' is not an integer in [1, 10]");
        // Two keys that would share one environment variable
        assertThatThrownBy(() -> ConfigDefinition.builder()
                .define(ConfigKey.of("a.b", ConfigType.STRING), ConfigKey.of("a-b", ConfigType.STRING))
                .build())
                .hasMessageContaining("both map to environment variable TAKT_A_B");
        // A key hidden under a pass-through prefix
        assertThatThrownBy(() -> ConfigDefinition.builder()
                .include(PlatformConfig.DEFINITION)
                .define(ConfigKey.of("kafka.producer.acks", ConfigType.STRING))
                .build())
                .hasMessageContaining("lies under pass-through prefix 'kafka.producer.'");
        // A name that has no clean env var
        assertThatThrownBy(() -> ConfigKey.of("Kafka_Servers", ConfigType.STRING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseToReadAKeyTheServiceDidNotDeclare() {
        TaktConfig config = PlatformConfig.DEFINITION.validate(ConfigSources.none());

        assertThatThrownBy(() -> config.get(PORT))
                .hasMessage("Config key 'registry.port' is not declared in this service's ConfigDefinition");
    }

    @Test
    void shouldDescribeEveryKeyAndPrefixForHelpAndDocs() {
        // When described
        List<KeyDescription> rows = DEFINITION.describe();

        // Then each key shows type, default, rules and env var; prefixes show their env prefix
        assertThat(rows).contains(
                new KeyDescription("registry.port", "int", "8081", "in [0, 65535]", "TAKT_REGISTRY_PORT",
                        "TCP port of the schema registry; 0 picks a free port."),
                new KeyDescription("oee.grace", "duration", "5m", "of at least 0s", "TAKT_OEE_GRACE",
                        "How late an event may arrive and still be counted."),
                new KeyDescription("erp.jdbc.url", "string", "(required)", "that is not blank", "TAKT_ERP_JDBC_URL",
                        "JDBC URL of the ERP database."),
                new KeyDescription("kafka.bootstrap.servers", "host:port list", "localhost:9092", "",
                        "TAKT_KAFKA_BOOTSTRAP_SERVERS", "Kafka brokers to connect to first, as host:port pairs."),
                new KeyDescription("kafka.producer.*", "pass-through", "", "", "TAKT_KAFKA_PRODUCER_*",
                        "Any Kafka producer setting, passed to the producer as is."),
                new KeyDescription("buffer.fsync", "enum", "every-batch", "one of [every-record, every-batch]",
                        "TAKT_BUFFER_FSYNC", "When the edge buffer forces writes to disk."));
        assertThat(DEFINITION.toMarkdown())
                .startsWith("| Key | Type | Default | Allowed | Environment variable | Description |\n|---|")
                .contains("| `registry.port` | int | `8081` | in [0, 65535] | `TAKT_REGISTRY_PORT` | TCP port of the"
                        + " schema registry; 0 picks a free port. |")
                .contains("| `erp.jdbc.password` | password |  | of at least 8 characters |");
    }

    @Test
    void shouldTakeAValueDecidedElsewhereWithItsOriginButOnlyWithinTheKeysRules() {
        // Given a validated config
        TaktConfig config = ConfigDefinition.builder().define(PORT).build().validate(ConfigSources.none());

        // When another input decides the port
        TaktConfig changed = config.with(PORT, 9081, "tag map plant.yaml");

        // Then the new value is read with that origin, the old config is unchanged, and a bad value is refused
        assertThat(changed.get(PORT)).isEqualTo(9081);
        assertThat(changed.origin(PORT)).hasValueSatisfying(o -> assertThat(o.toString()).isEqualTo("tag map plant.yaml"));
        assertThat(config.get(PORT)).isEqualTo(8081);
        assertThatThrownBy(() -> config.with(PORT, 70_000, "tag map plant.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'registry.port' (from tag map plant.yaml)");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
