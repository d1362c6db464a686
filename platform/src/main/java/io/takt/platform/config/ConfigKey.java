package io.takt.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One declared setting: name, type, default (or required), validators and a one-line doc, in the
 * manner of Debezium's {@code Field}. Instances are immutable; each {@code with...} returns a copy.
 *
 * <pre>{@code
 * static final ConfigKey<Integer> PORT = ConfigKey.of("registry.port", ConfigType.INT)
 *         .withDefault(8081)
 *         .withValidator(Validator.between(0, 65535))
 *         .withDoc("TCP port the schema registry listens on; 0 picks a free port.");
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class ConfigKey<T> {

    /** Environment variables that set a key start with this. */
    public static final String ENV_PREFIX = "TAKT_";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");

    /** Whether a key must be given, falls back to a default, or may be left out. */
    public enum Presence { REQUIRED, DEFAULTED, OPTIONAL }

    private final String name;
    private final ConfigType<T> type;
    private final Presence presence;
    private final T defaultValue;
    private final List<Validator<? super T>> validators;
    private final String doc;

    private ConfigKey(String name, ConfigType<T> type, Presence presence, T defaultValue,
                      List<Validator<? super T>> validators, String doc) {
        this.name = name;
        this.type = type;
        this.presence = presence;
        this.defaultValue = defaultValue;
        this.validators = List.copyOf(validators);
        this.doc = doc;
    }

    /**
     * A required key without doc or validators. Names are lower-case words joined by dots or
     * hyphens, so that each maps to one environment variable.
     */
    public static <T> ConfigKey<T> of(String name, ConfigType<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Config key name '" + name
                    + "' must be lower-case letters and digits, in words joined by '.' or '-'");
        }
        return new ConfigKey<>(name, type, Presence.REQUIRED, null, List.of(), "");
    }

    /** The value used when no source sets the key. */
    public ConfigKey<T> withDefault(T value) {
        Objects.requireNonNull(value, "default value of " + name + " (use optional() for no value)");
        return new ConfigKey<>(name, type, Presence.DEFAULTED, value, validators, doc);
    }

    /** Start-up fails unless a source sets the key. */
    public ConfigKey<T> required() {
        return new ConfigKey<>(name, type, Presence.REQUIRED, null, validators, doc);
    }

    /** The key may be left unset; read it with {@link TaktConfig#find}. */
    public ConfigKey<T> optional() {
        return new ConfigKey<>(name, type, Presence.OPTIONAL, null, validators, doc);
    }

    /** Adds a rule the value must follow; all added rules must hold. */
    public ConfigKey<T> withValidator(Validator<? super T> validator) {
        Objects.requireNonNull(validator, "validator");
        List<Validator<? super T>> more = new ArrayList<>(validators);
        more.add(validator);
        return new ConfigKey<>(name, type, presence, defaultValue, more, doc);
    }

    /** One line saying what the key does, for {@code --help} and the docs. */
    public ConfigKey<T> withDoc(String text) {
        return new ConfigKey<>(name, type, presence, defaultValue, validators, Objects.requireNonNull(text, "doc"));
    }

    public String name() {
        return name;
    }

    public ConfigType<T> type() {
        return type;
    }

    public Presence presence() {
        return presence;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String doc() {
        return doc;
    }

    /**
     * The environment variable that sets this key: upper case, {@code .} and {@code -} as {@code _},
     * e.g. {@code kafka.bootstrap.servers} → {@code TAKT_KAFKA_BOOTSTRAP_SERVERS}.
     */
    public String envName() {
        return envName(name);
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** What a valid value looks like, e.g. {@code an integer in [0, 65535]}. */
    public String expectation() {
        if (validators.isEmpty()) {
            return type.noun();
        }
        return type.noun() + " " + validators.stream().map(Validator::describe).collect(Collectors.joining(" and "));
    }

    /**
     * The validator rules alone, e.g. {@code in [0, 65535]}; for an enum its values, since the type
     * itself is the rule; empty if any value of the type goes.
     */
    public String rules() {
        if (validators.isEmpty() && type.javaType().isEnum()) {
            return type.noun();
        }
        return validators.stream().map(Validator::describe).collect(Collectors.joining(" and "));
    }

    /** Whether the value passes every validator. */
    public boolean accepts(T value) {
        return validators.stream().allMatch(v -> v.accepts(value));
    }

    /** The value as {@link ConfigType#parse} would read it back, masked for secrets. */
    public String format(T value) {
        return type.format(value);
    }

    String formatUnchecked(Object value) {
        return type.format(cast(value));
    }

    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return name + " (" + type + ")";
    }
}
