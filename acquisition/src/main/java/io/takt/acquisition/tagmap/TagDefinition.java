package io.takt.acquisition.tagmap;

import java.time.Duration;
import java.util.Map;

/**
 * One tag of the tag map: where to read it and what it means.
 *
 * @param index         position in the {@code tags:} list, 0-based
 * @param source        id of the source that reads it
 * @param address       address in that source's notation, e.g. {@code holding-register:1:UINT}
 * @param equipment     id of the equipment it describes
 * @param role          what it means
 * @param options       the role's settings
 * @param deadband      quality tags: changes of at most this size are not reported; 0 reports every change
 * @param debounce      state tags: how long a new state must hold before it is reported; zero for at once
 * @param pollInterval  polled sources (modbus, s7): how often to read it; null for the source's default
 * @param sourceOptions further per-tag settings for the source type, kept raw (scalars as text)
 * @param location      where it was written
 */
public record TagDefinition(int index, String source, String address, String equipment, TagRole role,
        RoleOptions options, double deadband, Duration debounce, Duration pollInterval,
        Map<String, Object> sourceOptions, YamlLocation location) {

    public TagDefinition {
        sourceOptions = Map.copyOf(sourceOptions);
    }

    /** The options, typed; throws if the role has other options. */
    public <T extends RoleOptions> T options(Class<T> type) {
        return type.cast(options);
    }
}
