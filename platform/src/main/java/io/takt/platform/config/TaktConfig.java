package io.takt.platform.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A service's validated configuration: immutable and typed. Obtained from
 * {@link ConfigDefinition#validate}; reading a key that was not declared is a programming error.
 */
public final class TaktConfig {

    // Sub-keys of pass-through prefixes are not typed here, so secrets among them are known by name.
    private static final List<String> SECRET_WORDS =
            List.of("password", "secret", "jaas.config", "token", "credentials", "user.info", "private.key");

    private final ConfigDefinition definition;
    private final Map<String, ConfigResolver.Resolved> values;
    private final Map<String, Map<String, ConfigResolver.RawValue>> passThrough;
    private final List<String> warnings;

    TaktConfig(ConfigDefinition definition, Map<String, ConfigResolver.Resolved> values,
               Map<String, Map<String, ConfigResolver.RawValue>> passThrough, List<String> warnings) {
        this.definition = definition;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<String, Map<String, ConfigResolver.RawValue>> copy = new LinkedHashMap<>();
        passThrough.forEach((prefix, entries) -> copy.put(prefix, Collections.unmodifiableMap(new TreeMap<>(entries))));
        this.passThrough = Collections.unmodifiableMap(copy);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The key's value: given by a source, or its default.
     *
     * @throws NoSuchElementException if the key is optional and unset (use {@link #find})
     */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new NoSuchElementException("Config key '" + key.name()
                + "' is optional and not set; read it with find()"));
    }

    /** The key's value, empty only for an optional key that no source set. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        checkDeclared(key);
        ConfigResolver.Resolved resolved = values.get(key.name());
        return resolved == null ? Optional.empty() : Optional.of(key.cast(resolved.value()));
    }

    /** Where the key's value came from; empty for an unset optional key. */
    public Optional<ConfigOrigin> origin(ConfigKey<?> key) {
        checkDeclared(key);
        return Optional.ofNullable(values.get(key.name())).map(ConfigResolver.Resolved::origin);
    }

    /**
     * The sub-keys given under a pass-through prefix, with the prefix removed, ready for a Kafka
     * client: {@code kafka.producer.linger.ms=5} is returned by {@code passThrough("kafka.producer.")}
     * as {@code linger.ms=5}.
     */
    public Map<String, String> passThrough(String prefix) {
        Map<String, ConfigResolver.RawValue> entries = passThrough.get(prefix);
        if (entries == null) {
            throw new IllegalArgumentException("'" + prefix + "' is not a declared pass-through prefix");
        }
        Map<String, String> out = new TreeMap<>();
        entries.forEach((k, v) -> out.put(k, v.text()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The same config with {@code key} set to {@code value}, for a value another validated input
     * decides (the edge gateway's tag map names the gateway and its site). The value must pass the
     * key's rules; {@code from} says where it came from, as errors and {@link #describeEffective} show.
     */
    public <T> TaktConfig with(ConfigKey<T> key, T value, String from) {
        checkDeclared(key);
        if (!key.accepts(value)) {
            throw new ConfigException(List.of("Invalid value '" + key.format(value) + "' for '" + key.name()
                    + "' (from " + from + "): must be " + key.expectation()));
        }
        Map<String, ConfigResolver.Resolved> changed = new LinkedHashMap<>(values);
        changed.put(key.name(), new ConfigResolver.Resolved(value, new ConfigOrigin(ConfigOrigin.Kind.OVERRIDE, from)));
        return new TaktConfig(definition, changed, passThrough, warnings);
    }

    /** Non-fatal findings, e.g. unknown {@code TAKT_*} environment variables; already logged. */
    public List<String> warnings() {
        return warnings;
    }

    public ConfigDefinition definition() {
        return definition;
    }

    /**
     * The effective settings, one {@code key = value (origin)} line each, secrets masked: what a
     * service logs at start-up so that an integrator can see what it really runs with.
     */
    public List<String> describeEffective() {
        List<String> lines = new ArrayList<>();
        for (ConfigKey<?> key : definition.keys()) {
            ConfigResolver.Resolved r = values.get(key.name());
            lines.add(r == null ? key.name() + " = (not set)"
                    : key.name() + " = " + key.formatUnchecked(r.value()) + " (" + r.origin() + ")");
        }
        passThrough.forEach((prefix, entries) -> entries.forEach((sub, raw) -> lines.add(prefix + sub + " = "
                + (isSecretName(sub) ? Password.MASK : raw.text()) + " (" + raw.origin() + ")")));
        return lines;
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), describeEffective());
    }

    static boolean isSecretName(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(k::contains);
    }

    private void checkDeclared(ConfigKey<?> key) {
        ConfigKey<?> declared = definition.key(key.name()).orElseThrow(() -> new IllegalArgumentException(
                "Config key '" + key.name() + "' is not declared in this service's ConfigDefinition"));
        if (!declared.type().equals(key.type())) {
            throw new IllegalArgumentException("Config key '" + key.name() + "' is declared as " + declared.type()
                    + ", not " + key.type());
        }
    }
}
