package io.takt.platform.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inputs a service's configuration is resolved from, in increasing precedence: declared
 * defaults, then a file, then {@code TAKT_*} environment variables, then explicit overrides
 * (the CLI's {@code --set key=value}). Nothing is read until {@link ConfigDefinition#validate}.
 */
public final class ConfigSources {

    private final Path file;
    private final Map<String, String> environment;
    private final Map<String, String> overrides;
    private final List<String> malformedOverrides;

    private ConfigSources(Builder builder) {
        this.file = builder.file;
        this.environment = Map.copyOf(builder.environment);
        this.overrides = new LinkedHashMap<>(builder.overrides);
        this.malformedOverrides = List.copyOf(builder.malformedOverrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults only: no file, no environment, no overrides. */
    public static ConfigSources none() {
        return builder().build();
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Map<String, String> overrides() {
        return Map.copyOf(overrides);
    }

    Map<String, String> overridesInOrder() {
        return overrides;
    }

    List<String> malformedOverrides() {
        return malformedOverrides;
    }

    /** Collects the sources; the environment is empty unless given, so tests never see the real one. */
    public static final class Builder {
        private Path file;
        private Map<String, String> environment = Map.of();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final List<String> malformedOverrides = new ArrayList<>();

        private Builder() {
        }

        /** A {@code .properties}, {@code .yaml} or {@code .yml} file; {@code null} for none. */
        public Builder file(Path configFile) {
            this.file = configFile;
            return this;
        }

        /** The environment variables to read {@code TAKT_*} settings from. */
        public Builder environment(Map<String, String> variables) {
            this.environment = Objects.requireNonNull(variables, "variables");
            return this;
        }

        /** This process's environment, for production {@code main}s. */
        public Builder systemEnvironment() {
            return environment(System.getenv());
        }

        /** An explicit override, highest precedence. */
        public Builder override(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key").trim(), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Overrides from a map, e.g. collected by the CLI. */
        public Builder overrides(Map<String, String> keyValues) {
            keyValues.forEach(this::override);
            return this;
        }

        /**
         * A {@code key=value} argument as given to {@code --set}. A malformed one becomes a problem
         * reported by {@link ConfigDefinition#validate} with the others.
         */
        public Builder set(String keyEqualsValue) {
            int eq = keyEqualsValue.indexOf('=');
            if (eq <= 0) {
                malformedOverrides.add(keyEqualsValue);
                return this;
            }
            return override(keyEqualsValue.substring(0, eq), keyEqualsValue.substring(eq + 1));
        }

        public ConfigSources build() {
            return new ConfigSources(this);
        }
    }
}
