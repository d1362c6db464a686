package io.takt.acquisition.tagmap;

import java.util.List;

/**
 * A source type's check of its own part of the tag map: the raw {@code connection:} settings and the
 * addresses of its tags. Runs while the tag map loads, so its problems are reported with all others,
 * by file, line and key path.
 */
public interface ConnectionCheck {

    /** The source type this check understands. */
    SourceType type();

    /** Every problem with this source's settings and its tags; empty when all is well. */
    List<TagMapProblem> check(SourceDefinition source, List<TagDefinition> tags);
}
