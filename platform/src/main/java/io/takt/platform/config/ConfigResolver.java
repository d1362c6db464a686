package io.takt.platform.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layers the sources over the defaults and checks every value, collecting all problems before
 * failing so that an integrator sees the whole list at once.
 */
final class ConfigResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigResolver.class);
    private static final int MAX_SHOWN_VALUE = 120;

    /** Text from a source, before it is parsed. */
    record RawValue(String text, ConfigOrigin origin) {
    }

    /** A checked value and where it came from. */
    record Resolved(Object value, ConfigOrigin origin) {
    }

    private final ConfigDefinition definition;
    private final ConfigSources sources;
    private final Map<String, RawValue> raw = new HashMap<>();
    private final Map<String, Map<String, RawValue>> passThrough = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    ConfigResolver(ConfigDefinition definition, ConfigSources sources) {
        this.definition = definition;
        this.sources = sources;
        definition.passThroughs().forEach(p -> passThrough.put(p.prefix(), new TreeMap<>()));
    }

    TaktConfig resolve() {
        sources.file().ifPresent(this::readFile);
        readEnvironment();
        readOverrides();
        Map<String, Resolved> values = new LinkedHashMap<>();
        for (ConfigKey<?> key : definition.keys()) {
            resolve(key).ifPresent(r -> values.put(key.name(), r));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TaktConfig(definition, values, passThrough, warnings);
    }

    private void readFile(Path file) {
        Map<String, String> entries;
        try {
            entries = ConfigFile.read(file);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return;
        }
        entries.forEach((key, text) -> {
            if (!accept(key, text, ConfigOrigin.file(file, key))) {
                problems.add("Unknown key '" + key + "' in " + file + suggestion(key));
            }
        });
    }

    private void readEnvironment() {
        Map<String, ConfigKey<?>> keyByEnv = new HashMap<>();
        definition.keys().forEach(k -> keyByEnv.put(k.envName(), k));
        new TreeMap<>(sources.environment()).forEach((variable, text) -> {
            boolean ours = variable.startsWith(ConfigKey.ENV_PREFIX);
            if (!ours || ConfigDefinition.RESERVED_ENVIRONMENT.contains(variable)) {
                return;
            }
            ConfigKey<?> key = keyByEnv.get(variable);
            if (key != null) {
                raw.put(key.name(), new RawValue(text, ConfigOrigin.environment(variable)));
            } else if (!acceptPassThroughEnv(variable, text)) {
                // Other tools set TAKT_* too, and a container's environment is not as easy to fix as a file.
                warn("Ignoring environment variable " + variable + ": it sets no Takt setting"
                        + KeySuggestion.closest(variable, keyByEnv.keySet())
                        .map(s -> " (did you mean " + s + "?)").orElse(""));
            }
        });
    }

    private boolean acceptPassThroughEnv(String variable, String text) {
        for (PassThrough p : definition.passThroughs()) {
            if (variable.startsWith(p.envPrefix()) && variable.length() > p.envPrefix().length()) {
                passThrough.get(p.prefix()).put(p.subKeyOfEnv(variable),
                        new RawValue(text, ConfigOrigin.environment(variable)));
                return true;
            }
        }
        return false;
    }

    private void readOverrides() {
        sources.malformedOverrides().forEach(m -> problems.add("Invalid --set '" + m + "': expected key=value"));
        sources.overridesInOrder().forEach((key, text) -> {
            if (!accept(key, text, ConfigOrigin.override(key))) {
                problems.add("Unknown key '" + key + "' in --set" + suggestion(key));
            }
        });
    }

    /** Records a file or override entry; false if the key is neither declared nor under a prefix. */
    private boolean accept(String key, String text, ConfigOrigin origin) {
        if (definition.key(key).isPresent()) {
            raw.put(key, new RawValue(text, origin));
            return true;
        }
        for (PassThrough p : definition.passThroughs()) {
            if (key.startsWith(p.prefix()) && key.length() > p.prefix().length()) {
                passThrough.get(p.prefix()).put(key.substring(p.prefix().length()), new RawValue(text, origin));
                return true;
            }
        }
        return false;
    }

    private <T> Optional<Resolved> resolve(ConfigKey<T> key) {
        RawValue given = raw.get(key.name());
        if (given == null) {
            return switch (key.presence()) {
                case DEFAULTED -> Optional.of(new Resolved(key.defaultValue().orElseThrow(), ConfigOrigin.DEFAULT));
                case OPTIONAL -> Optional.empty();
                case REQUIRED -> {
                    problems.add("Missing value for required '" + key.name() + "': must be " + key.expectation()
                            + "; set it in the config file, as " + key.envName() + " or with --set "
                            + key.name() + "=...");
                    yield Optional.empty();
                }
            };
        }
        T value;
        try {
            value = key.type().parse(given.text());
        } catch (IllegalArgumentException e) {
            String why = key.type().explainsErrors() && e.getMessage() != null ? " (" + e.getMessage() + ")" : "";
            problems.add(invalid(key, given) + why);
            return Optional.empty();
        }
        if (!key.accepts(value)) {
            problems.add(invalid(key, given));
            return Optional.empty();
        }
        return Optional.of(new Resolved(value, given.origin()));
    }

    private static String invalid(ConfigKey<?> key, RawValue given) {
        return "Invalid value " + shown(key, given.text()) + " for '" + key.name() + "' (from " + given.origin()
                + "): must be " + key.expectation();
    }

    // A password is never echoed, not even a wrong one: it may be a real secret pasted into the wrong key.
    private static String shown(ConfigKey<?> key, String text) {
        if (key.type().isSecret()) {
            return Password.MASK;
        }
        String cut = text.length() > MAX_SHOWN_VALUE ? text.substring(0, MAX_SHOWN_VALUE) + "..." : text;
        return "'" + cut + "'";
    }

    private String suggestion(String unknown) {
        List<String> candidates = new ArrayList<>();
        definition.keys().forEach(k -> candidates.add(k.name()));
        return KeySuggestion.closest(unknown, candidates).map(s -> ": did you mean '" + s + "'?")
                .orElse(": no such setting" + prefixHint());
    }

    private String prefixHint() {
        if (definition.passThroughs().isEmpty()) {
            return "";
        }
        List<String> prefixes = definition.passThroughs().stream().map(PassThrough::prefix).toList();
        return " (client settings go under " + String.join(", ", prefixes) + ")";
    }

    private void warn(String message) {
        LOG.warn(message);
        warnings.add(message);
    }
}
