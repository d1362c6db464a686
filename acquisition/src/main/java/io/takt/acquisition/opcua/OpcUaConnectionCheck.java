package io.takt.acquisition.opcua;

import java.nio.file.Path;
import java.util.List;

import io.takt.acquisition.tagmap.ConnectionCheck;
import io.takt.acquisition.tagmap.SourceDefinition;
import io.takt.acquisition.tagmap.SourceType;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.acquisition.tagmap.TagMapProblem;
import io.takt.platform.config.ConfigException;

/** Checks an {@code opcua} source while the tag map loads, so a bad setting is reported with its line. */
public final class OpcUaConnectionCheck implements ConnectionCheck {

    @Override
    public SourceType type() {
        return SourceType.OPCUA;
    }

    @Override
    public List<TagMapProblem> check(SourceDefinition source, List<TagDefinition> tags) {
        try {
            OpcUaConnection.settings(source, tags, Path.of("pki"), "check");
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> source.connectionLocation().problem(p)).toList();
        }
    }
}
