package io.takt.platform.config;

import java.nio.file.Path;

/**
 * Where a config value came from, so that an error can say what to fix: a file and key, an
 * environment variable, a command-line override or the declared default.
 *
 * @param kind     which source
 * @param location human-readable place within that source, e.g. the env var name
 */
public record ConfigOrigin(Kind kind, String location) {

    /** The sources, in increasing precedence. */
    public enum Kind { DEFAULT, FILE, ENVIRONMENT, OVERRIDE }

    static final ConfigOrigin DEFAULT = new ConfigOrigin(Kind.DEFAULT, "default");

    static ConfigOrigin file(Path file, String key) {
        return new ConfigOrigin(Kind.FILE, file + ", key '" + key + "'");
    }

    static ConfigOrigin environment(String variable) {
        return new ConfigOrigin(Kind.ENVIRONMENT, variable);
    }

    static ConfigOrigin override(String key) {
        return new ConfigOrigin(Kind.OVERRIDE, "--set " + key);
    }

    @Override
    public String toString() {
        return location;
    }
}
