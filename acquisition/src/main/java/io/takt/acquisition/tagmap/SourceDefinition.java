package io.takt.acquisition.tagmap;

import java.util.Map;

/**
 * A source as the tag map declares it. The {@code connection} map is kept raw: each source type
 * reads and validates its own settings (see {@link ConnectionCheck}), locating problems with
 * {@link #problem(String, String)}.
 */
public record SourceDefinition(String id, SourceType type, Map<String, Object> connection, YamlLocation location,
        YamlLocation connectionLocation) {

    public SourceDefinition {
        connection = Map.copyOf(connection);
    }

    /** A problem with one key of the connection map, e.g. {@code sources[1].connection.url}. */
    public TagMapProblem problem(String connectionKey, String message) {
        return connectionLocation.problem(connectionKey, message);
    }
}
