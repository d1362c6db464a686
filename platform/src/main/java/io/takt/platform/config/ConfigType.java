package io.takt.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The type of a config value: how its text is parsed and how a value is shown again, e.g. in
 * {@code describe()} output. Parsers throw {@link IllegalArgumentException} on bad text; the caller
 * turns that into a message that names the key, the value and where it came from.
 *
 * @param <T> the Java type the text becomes
 */
public final class ConfigType<T> {

    public static final ConfigType<String> STRING =
            new ConfigType<>("string", "a string", String.class, s -> s, s -> s);
    public static final ConfigType<Integer> INT =
            new ConfigType<>("int", "an integer", Integer.class, s -> Integer.parseInt(s.trim()), String::valueOf);
    public static final ConfigType<Long> LONG =
            new ConfigType<>("long", "an integer", Long.class, s -> Long.parseLong(s.trim()), String::valueOf);
    public static final ConfigType<Double> DOUBLE =
            new ConfigType<>("double", "a number", Double.class, ConfigType::parseDouble, String::valueOf);
    public static final ConfigType<Boolean> BOOLEAN =
            new ConfigType<>("boolean", "true or false", Boolean.class, ConfigType::parseBoolean, String::valueOf);
    public static final ConfigType<Duration> DURATION = new ConfigType<>("duration",
            "a duration such as 500ms, 30s, 5m, 2h or 7d", Duration.class, DurationText::parse, DurationText::format);
    public static final ConfigType<Path> PATH =
            new ConfigType<>("path", "a file system path", Path.class, ConfigType::parsePath, Path::toString);
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ConfigType<List<String>> LIST = new ConfigType<>("list", "a comma-separated list",
            (Class) List.class, ConfigType::splitList, l -> String.join(",", l));
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ConfigType<List<String>> HOST_PORT_LIST = new ConfigType<>("host:port list",
            "a comma-separated list of host:port", (Class) List.class,
            s -> requireNonEmpty(splitList(s)).stream().map(ConfigType::checkHostPort).toList(),
            l -> String.join(",", l));
    public static final ConfigType<URI> URL = new ConfigType<>("url", "an http or https URL such as http://host:8081",
            URI.class, ConfigType::parseUrl, URI::toString);
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ConfigType<List<URI>> URL_LIST = new ConfigType<>("url list",
            "a comma-separated list of http or https URLs", (Class) List.class,
            s -> requireNonEmpty(splitList(s)).stream().map(ConfigType::parseUrl).toList(),
            l -> l.stream().map(URI::toString).collect(Collectors.joining(",")));
    public static final ConfigType<Password> PASSWORD =
            new ConfigType<>("password", "a password", Password.class, Password::new, p -> Password.MASK);

    private final String name;
    private final String noun;
    private final Class<T> javaType;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final boolean explainsErrors;

    private ConfigType(String name, String noun, Class<T> javaType, Function<String, T> parser,
                       Function<T, String> formatter) {
        this(name, noun, javaType, parser, formatter, false);
    }

    private ConfigType(String name, String noun, Class<T> javaType, Function<String, T> parser,
                       Function<T, String> formatter, boolean explainsErrors) {
        this.explainsErrors = explainsErrors;
        this.name = name;
        this.noun = noun;
        this.javaType = javaType;
        this.parser = parser;
        this.formatter = formatter;
    }

    /**
     * A type of a module's own, e.g. a list of shift patterns. The parser throws
     * {@link IllegalArgumentException} with a message saying what is wrong; the config error then
     * names the key and shows that message.
     *
     * @param noun      what a value looks like, for error messages, e.g. "shifts such as early=06:00-14:00"
     * @param formatter writes a value back in the notation the parser reads
     */
    public static <T> ConfigType<T> of(String name, String noun, Class<T> javaType, Function<String, T> parser,
                                       Function<T, String> formatter) {
        return new ConfigType<>(name, noun, javaType, parser, formatter, true);
    }

    /**
     * Whether the parser's error message says what is wrong in words for people (types made with
     * {@link #of}); the built-in parsers' messages are Java's and not shown.
     */
    public boolean explainsErrors() {
        return explainsErrors;
    }

    /**
     * An enum; its constants are written in lower case with hyphens ({@code LOG_AND_CONTINUE} is
     * {@code log-and-continue}) and read case-insensitively with either hyphens or underscores.
     */
    public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> type) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(ConfigType::enumText)
                .collect(Collectors.joining(", ", "[", "]"));
        return new ConfigType<>("enum", "one of " + allowed, type, s -> parseEnum(type, s), ConfigType::enumText);
    }

    /** Short name for tables, e.g. {@code int}, {@code duration}. */
    public String name() {
        return name;
    }

    /** The type as a noun phrase for messages, e.g. {@code an integer}. */
    public String noun() {
        return noun;
    }

    public Class<T> javaType() {
        return javaType;
    }

    /** Parses text into a value; throws {@link IllegalArgumentException} if it is not of this type. */
    public T parse(String text) {
        T value = parser.apply(text);
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        return value;
    }

    /** Shows a value in the notation {@link #parse} reads; secrets are masked. */
    public String format(T value) {
        return formatter.apply(value);
    }

    /** Whether values of this type must never be printed. */
    public boolean isSecret() {
        return javaType == Password.class;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigType<?> other && name.equals(other.name) && javaType.equals(other.javaType)
                && noun.equals(other.noun);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, javaType, noun);
    }

    @Override
    public String toString() {
        return name;
    }

    private static double parseDouble(String text) {
        double d = Double.parseDouble(text.trim());
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + text);
        }
        return d;
    }

    private static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    private static Path parsePath(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty path");
        }
        return Path.of(text.trim());
    }

    private static List<String> splitList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static <E> List<E> requireNonEmpty(List<E> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("empty list");
        }
        return list;
    }

    private static String checkHostPort(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + entry);
        }
        int port = Integer.parseInt(entry.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + entry);
        }
        return entry;
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + text, e);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        String wanted = text.trim().replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("not one of " + type.getSimpleName());
    }

    private static String enumText(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
