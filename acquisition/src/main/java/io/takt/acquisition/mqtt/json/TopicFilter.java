package io.takt.acquisition.mqtt.json;

import java.util.Arrays;
import java.util.Objects;

/**
 * An MQTT topic filter: levels split by {@code /}, {@code +} matching exactly one level, a final
 * {@code #} matching the parent level and everything below it. As MQTT prescribes, a wildcard at the
 * first level does not match topics that begin with {@code $} (broker-internal topics).
 */
public final class TopicFilter {

    private final String text;
    private final String[] levels;

    private TopicFilter(String text) {
        this.text = text;
        this.levels = text.split("/", -1);
    }

    /**
     * The filter written as {@code text}.
     *
     * @throws IllegalArgumentException if a wildcard shares a level with other characters, {@code #} is
     *                                  not the last level, or the filter is empty
     */
    public static TopicFilter parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a topic filter cannot be empty");
        }
        String[] levels = text.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if ((level.contains("+") || level.contains("#")) && level.length() > 1) {
                throw new IllegalArgumentException("in '" + text + "' a wildcard must fill a whole level: " + level);
            }
            if (level.equals("#") && i != levels.length - 1) {
                throw new IllegalArgumentException("in '" + text + "' '#' must be the last level");
            }
        }
        return new TopicFilter(text);
    }

    /** Whether the topic name {@code topic} matches. */
    public boolean matches(String topic) {
        String[] names = topic.split("/", -1);
        if (topic.startsWith("$") && (levels[0].equals("+") || levels[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].equals("#")) {
                return true;
            }
            if (i >= names.length || !(levels[i].equals("+") || levels[i].equals(names[i]))) {
                return false;
            }
        }
        return names.length == levels.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicFilter other && Arrays.equals(levels, other.levels);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
