package io.takt.acquisition.plc4x;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.takt.acquisition.tagmap.SourceDefinition;
import io.takt.acquisition.tagmap.SourceType;
import io.takt.acquisition.tagmap.TagMapException;
import io.takt.acquisition.tagmap.TagMapProblem;
import io.takt.platform.config.DurationText;

/**
 * The {@code connection:} settings of a modbus or s7 source.
 *
 * <pre>
 * connection:
 *   url: modbus-tcp://10.1.2.3:502?default-unit-identifier=1   # or s7://10.1.2.4?remote-rack=0&amp;remote-slot=1
 *   poll-interval: 1s          # default for its tags; a tag's poll-interval overrides it
 *   request-timeout: 3s        # a read not answered by then counts as a lost link
 *   backoff-initial: 500ms     # first wait before reconnecting; doubles per failed attempt
 *   backoff-max: 30s           # longest wait between reconnect attempts
 * </pre>
 *
 * @param url            the PLC4X connection string, passed on as written
 * @param protocolCode   its scheme, the PLC4X driver: {@code modbus-tcp} or {@code s7}
 * @param pollInterval   default read period of its tags
 * @param requestTimeout how long a read may take
 * @param backoffInitial first reconnect delay
 * @param backoffMax     cap of the reconnect delay
 */
public record Plc4xSettings(String url, String protocolCode, Duration pollInterval, Duration requestTimeout,
        Duration backoffInitial, Duration backoffMax) {

    static final List<String> KEYS = List.of("url", "poll-interval", "request-timeout", "backoff-initial", "backoff-max");
    private static final Map<SourceType, Set<String>> SCHEMES =
            Map.of(SourceType.MODBUS, Set.of("modbus-tcp"), SourceType.S7, Set.of("s7"));

    /** The settings of {@code source}; throws with every problem, located, if they are wrong. */
    public static Plc4xSettings of(SourceDefinition source) {
        List<TagMapProblem> problems = new ArrayList<>();
        Plc4xSettings settings = read(source, problems);
        if (!problems.isEmpty()) {
            throw new TagMapException(problems);
        }
        return settings;
    }

    static Plc4xSettings read(SourceDefinition source, List<TagMapProblem> problems) {
        Map<String, Object> connection = source.connection();
        connection.keySet().stream().filter(k -> !KEYS.contains(k)).forEach(k -> problems.add(source.problem(k,
                "unknown key (allowed: " + String.join(", ", KEYS) + ")")));
        Set<String> schemes = SCHEMES.getOrDefault(source.type(), Set.of());
        String url = String.valueOf(connection.getOrDefault("url", "")).trim();
        String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")) : "";
        if (url.isEmpty()) {
            problems.add(source.problem("url", "missing; e.g. modbus-tcp://10.1.2.3:502?default-unit-identifier=1"
                    + " or s7://10.1.2.4"));
        } else if (!schemes.contains(scheme)) {
            problems.add(source.problem("url", "'" + url + "' is not a " + source.type().yamlName()
                    + " connection string; it must start with " + String.join(" or ", schemes) + "://"));
        }
        return new Plc4xSettings(url, scheme,
                duration(source, "poll-interval", Duration.ofSeconds(1), problems),
                duration(source, "request-timeout", Duration.ofSeconds(3), problems),
                duration(source, "backoff-initial", Duration.ofMillis(500), problems),
                duration(source, "backoff-max", Duration.ofSeconds(30), problems));
    }

    private static Duration duration(SourceDefinition source, String key, Duration fallback,
            List<TagMapProblem> problems) {
        Object raw = source.connection().get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            Duration d = DurationText.parse(String.valueOf(raw));
            if (d.isZero() || d.isNegative()) {
                problems.add(source.problem(key, "must be greater than 0"));
                return fallback;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(source.problem(key, "'" + raw + "' is not a duration with a unit, e.g. 500ms, 2s, 1m"));
            return fallback;
        }
    }
}
