package io.takt.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import picocli.CommandLine.Option;

/**
 * The configuration options every service command shares: a file, {@code --set} overrides, and
 * (implicitly) {@code TAKT_*} environment variables. Precedence: defaults &lt; file &lt;
 * environment &lt; {@code --set} &lt; a command's own options.
 */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (.properties, .yaml or .yml); default: $TAKT_CONFIG if set.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set one config key, overriding file and environment; repeatable. "
                    + "'takt config keys' lists the keys.")
    List<String> settings = new ArrayList<>();

    /** Validates the sources against {@code definition}; {@code commandOptions} win over everything. */
    TaktConfig load(ConfigDefinition definition, Map<String, String> commandOptions) {
        ConfigSources.Builder sources = ConfigSources.builder().systemEnvironment();
        configFile().ifPresent(sources::file);
        settings.forEach(sources::set);
        sources.overrides(commandOptions);
        return definition.validate(sources.build());
    }

    TaktConfig load(ConfigDefinition definition) {
        return load(definition, Map.of());
    }

    private Optional<Path> configFile() {
        Path chosen = file;
        if (chosen == null) {
            String fromEnv = System.getenv("TAKT_CONFIG");
            chosen = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
        }
        if (chosen != null && !Files.isRegularFile(chosen)) {
            throw new ConfigException(List.of("Config file " + chosen.toAbsolutePath() + " does not exist"
                    + (file == null ? " (from TAKT_CONFIG)" : "")));
        }
        return Optional.ofNullable(chosen);
    }

    /** Command options that were given, as config overrides: unset options leave config alone. */
    static Map<String, String> given(Object... keyValuePairs) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            if (keyValuePairs[i + 1] != null) {
                given.put((String) keyValuePairs[i], String.valueOf(keyValuePairs[i + 1]));
            }
        }
        return given;
    }
}
