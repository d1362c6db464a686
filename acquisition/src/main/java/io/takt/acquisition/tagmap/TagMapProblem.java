package io.takt.acquisition.tagmap;

/**
 * One thing wrong in a tag map, located so the integrator can go straight to it.
 *
 * @param file    the file name, e.g. {@code tagmap.yaml}
 * @param line    1-based line in that file
 * @param path    the key path, e.g. {@code tags[7].role}
 * @param message what is wrong and what is allowed
 */
public record TagMapProblem(String file, int line, String path, String message) {

    @Override
    public String toString() {
        return file + " line " + line + ", " + path + ": " + message;
    }
}
