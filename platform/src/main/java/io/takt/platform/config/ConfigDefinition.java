package io.takt.platform.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings a service accepts, declared once (in the manner of Kafka's {@code ConfigDef}), and
 * the single place they are validated.
 *
 * <pre>{@code
 * ConfigDefinition definition = ConfigDefinition.builder()
 *         .include(PlatformConfig.DEFINITION)
 *         .define(OeeConfig.PUNCTUATE_INTERVAL, OeeConfig.GRACE)
 *         .build();
 * TaktConfig config = definition.validate(ConfigSources.builder()
 *         .file(configFile).systemEnvironment().set("site=plant-7").build());
 * Duration grace = config.get(OeeConfig.GRACE);
 * }</pre>
 */
public final class ConfigDefinition {

    /**
     * {@code TAKT_*} variables that are read, but are not settings: the config file
     * ({@code TAKT_CONFIG}), the launcher's JVM flags ({@code TAKT_JAVA_OPTS}), logback's level of
     * Takt's loggers ({@code TAKT_LOG_LEVEL}), stack traces of start-up failures
     * ({@code TAKT_DEBUG}); and {@code TAKT_HOME}, reserved though nothing in this build reads it.
     * They are skipped without the warning other unknown {@code TAKT_*} variables get.
     */
    public static final Set<String> RESERVED_ENVIRONMENT =
            Set.of("TAKT_CONFIG", "TAKT_HOME", "TAKT_JAVA_OPTS", "TAKT_LOG_LEVEL", "TAKT_DEBUG");

    private final Map<String, ConfigKey<?>> keys;
    private final Map<String, PassThrough> passThroughs;

    private ConfigDefinition(Map<String, ConfigKey<?>> keys, Map<String, PassThrough> passThroughs) {
        this.keys = keys;
        this.passThroughs = passThroughs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every source, checks every value and returns the typed view.
     *
     * @throws ConfigException listing every problem found: bad values, missing required keys,
     *                         unknown keys in the file or overrides, an unreadable file
     */
    public TaktConfig validate(ConfigSources sources) {
        return new ConfigResolver(this, sources).resolve();
    }

    /** The declared keys, in declaration order. */
    public Collection<ConfigKey<?>> keys() {
        return keys.values();
    }

    public Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public Collection<PassThrough> passThroughs() {
        return passThroughs.values();
    }

    /**
     * The same keys with every required one made optional: for checking a file that may serve any
     * service, where no single service's required keys can be demanded.
     */
    public ConfigDefinition withNothingRequired() {
        Builder relaxed = builder();
        for (ConfigKey<?> key : keys.values()) {
            relaxed.define(key.presence() == ConfigKey.Presence.REQUIRED ? key.optional() : key);
        }
        passThroughs.values().forEach(p -> relaxed.passThrough(p.prefix(), p.doc()));
        return relaxed.build();
    }

    /** One row per key and per pass-through prefix, for {@code --help} and docs. */
    public List<KeyDescription> describe() {
        List<KeyDescription> rows = new ArrayList<>();
        for (ConfigKey<?> key : keys.values()) {
            rows.add(new KeyDescription(key.name(), key.type().name(), defaultText(key), key.rules(),
                    key.envName(), key.doc()));
        }
        for (PassThrough p : passThroughs.values()) {
            rows.add(new KeyDescription(p.prefix() + "*", "pass-through", "", "", p.envPrefix() + "*", p.doc()));
        }
        return rows;
    }

    /** {@link #describe()} as a Markdown table. */
    public String toMarkdown() {
        return KeyDescription.markdownTable(describe());
    }

    private static String defaultText(ConfigKey<?> key) {
        return switch (key.presence()) {
            case REQUIRED -> KeyDescription.REQUIRED;
            case OPTIONAL -> "";
            case DEFAULTED -> key.formatUnchecked(key.defaultValue().orElseThrow());
        };
    }

    /** Collects keys and prefixes; {@link #build()} checks the declaration itself is consistent. */
    public static final class Builder {
        private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        private final Map<String, PassThrough> passThroughs = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder define(ConfigKey<?>... more) {
            for (ConfigKey<?> key : more) {
                ConfigKey<?> earlier = keys.putIfAbsent(key.name(), key);
                if (earlier != null && earlier != key) {
                    throw new IllegalArgumentException("Config key '" + key.name() + "' is declared twice");
                }
            }
            return this;
        }

        /** Accepts any {@code prefix + sub-key}, handed on by {@link TaktConfig#passThrough(String)}. */
        public Builder passThrough(String prefix, String doc) {
            passThroughs.putIfAbsent(prefix, new PassThrough(prefix, doc));
            return this;
        }

        /** Everything another definition declares, e.g. {@link PlatformConfig#DEFINITION}. */
        public Builder include(ConfigDefinition other) {
            other.keys.values().forEach(this::define);
            other.passThroughs.values().forEach(p -> passThrough(p.prefix(), p.doc()));
            return this;
        }

        /** @throws IllegalArgumentException if the declaration contradicts itself: a programming error */
        public ConfigDefinition build() {
            Map<String, String> keyByEnv = new HashMap<>();
            for (ConfigKey<?> key : keys.values()) {
                checkDefault(key);
                String clash = keyByEnv.put(key.envName(), key.name());
                if (clash != null) {
                    throw new IllegalArgumentException("Config keys '" + clash + "' and '" + key.name()
                            + "' both map to environment variable " + key.envName());
                }
                passThroughs.keySet().stream().filter(key.name()::startsWith).findFirst().ifPresent(p -> {
                    throw new IllegalArgumentException("Config key '" + key.name()
                            + "' lies under pass-through prefix '" + p + "'");
                });
            }
            return new ConfigDefinition(Collections.unmodifiableMap(new LinkedHashMap<>(keys)),
                    Collections.unmodifiableMap(new LinkedHashMap<>(passThroughs)));
        }

        private static <T> void checkDefault(ConfigKey<T> key) {
            key.defaultValue().filter(d -> !key.accepts(d)).ifPresent(d -> {
                throw new IllegalArgumentException("Default " + key.format(d) + " of config key '" + key.name()
                        + "' is not " + key.expectation());
            });
        }
    }
}
