package io.takt.platform.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A declared prefix whose sub-keys are accepted without declaration and handed on as they are,
 * e.g. {@code kafka.producer.linger.ms} reaches the producer as {@code linger.ms}. The client that
 * receives them validates them.
 *
 * @param prefix dotted prefix ending in a dot, e.g. {@code kafka.producer.}
 * @param doc    one line saying where the sub-keys go
 */
public record PassThrough(String prefix, String doc) {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*\\.");

    public PassThrough {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(doc, "doc");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Pass-through prefix '" + prefix
                    + "' must be lower-case dotted words ending in '.'");
        }
    }

    /**
     * The environment variable prefix: {@code kafka.producer.} → {@code TAKT_KAFKA_PRODUCER_}. The rest of
     * the variable becomes the sub-key in lower case with {@code _} read as {@code .}, so
     * {@code TAKT_KAFKA_PRODUCER_LINGER_MS} sets {@code linger.ms} (Kafka's own keys are all dotted).
     */
    public String envPrefix() {
        return ConfigKey.ENV_PREFIX + prefix.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    String subKeyOfEnv(String variable) {
        return variable.substring(envPrefix().length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
