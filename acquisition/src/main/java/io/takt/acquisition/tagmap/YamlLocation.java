package io.takt.acquisition.tagmap;

import java.util.Map;

/**
 * Where an entry of the tag map was written: its file, line and key path, and the line of each of
 * its keys, so that checks made later (by a source type validating its connection settings) can
 * still point at the exact line.
 */
public record YamlLocation(String file, int line, String path, Map<String, Integer> keyLines) {

    public YamlLocation {
        keyLines = Map.copyOf(keyLines);
    }

    /** A problem with the entry as a whole. */
    public TagMapProblem problem(String message) {
        return new TagMapProblem(file, line, path, message);
    }

    /** A problem with one of the entry's keys (located at the entry if the key is absent). */
    public TagMapProblem problem(String key, String message) {
        return new TagMapProblem(file, keyLines.getOrDefault(key, line), path + "." + key, message);
    }
}
