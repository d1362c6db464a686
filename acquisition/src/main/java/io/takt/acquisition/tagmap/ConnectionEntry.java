package io.takt.acquisition.tagmap;

import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.Password;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code connection:} map of one source entry in the tag map, read against a source type's declared
 * {@link ConfigKey}s: each value parsed by the key's type and checked by its validators, unknown keys
 * refused. Every problem is collected, so that {@link #throwIfInvalid()} names them all at once.
 * A YAML list given for a list key is joined with commas first.
 */
public final class ConnectionEntry {

    private final String sourceId;
    private final Map<String, ?> raw;
    private final Map<String, Object> values = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ConnectionEntry(String sourceId, Map<String, ?> raw) {
        this.sourceId = sourceId;
        this.raw = raw;
    }

    /**
     * Reads {@code connection} against {@code keys}; the names in {@code structured} are accepted
     * as they are (nested lists or maps) and read with {@link #structured(String)}.
     */
    public static ConnectionEntry read(String sourceId, Map<String, ?> connection, Collection<ConfigKey<?>> keys,
            Set<String> structured) {
        ConnectionEntry entry = new ConnectionEntry(sourceId, connection == null ? Map.of() : connection);
        Set<String> known = new TreeSet<>(structured);
        for (ConfigKey<?> key : keys) {
            known.add(key.name());
            entry.resolve(key);
        }
        for (String name : entry.raw.keySet()) {
            if (!known.contains(name)) {
                entry.problem("unknown connection key '" + name + "'; known keys are " + known);
            }
        }
        return entry;
    }

    /** The source this entry configures. */
    public String sourceId() {
        return sourceId;
    }

    /** The key's value, given or defaulted; fails for an optional key that was left out. */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new NoSuchElementException("'" + key.name() + "' is not set"));
    }

    /** The key's value, empty for an optional key that was left out (or whose value was invalid). */
    public <T> Optional<T> find(ConfigKey<T> key) {
        return Optional.ofNullable(values.get(key.name())).map(v -> key.type().javaType().isInstance(v)
                ? castTo(key, v) : null);
    }

    /** The raw value of a structured key, or null. */
    public Object structured(String name) {
        return raw.get(name);
    }

    /** Adds a problem found by the caller, e.g. in a structured value or across keys. */
    public void problem(String text) {
        problems.add("Source '" + sourceId + "': " + text);
    }

    /** Every problem found so far. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** @throws ConfigException listing every problem, if there is any */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private <T> void resolve(ConfigKey<T> key) {
        Object given = raw.get(key.name());
        if (given == null) {
            switch (key.presence()) {
                case REQUIRED -> problem("missing connection key '" + key.name() + "': must be " + key.expectation());
                case DEFAULTED -> values.put(key.name(), key.defaultValue().orElseThrow());
                case OPTIONAL -> { }
            }
            return;
        }
        String text = given instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(given);
        String shown = key.type().isSecret() ? Password.MASK : "'" + text + "'";
        try {
            T value = key.type().parse(text);
            if (key.accepts(value)) {
                values.put(key.name(), value);
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below, as for a value the validators refuse
        }
        problem("invalid value " + shown + " for connection key '" + key.name() + "': must be " + key.expectation());
    }

    @SuppressWarnings("unchecked")
    private static <T> T castTo(ConfigKey<T> key, Object value) {
        return (T) value;
    }
}
