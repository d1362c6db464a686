package io.takt.acquisition.tagmap;

import java.util.List;

/** A tag map cannot be used; carries every problem found so the file can be fixed in one pass. */
public class TagMapException extends RuntimeException {

    private final List<TagMapProblem> problems;

    public TagMapException(List<TagMapProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public TagMapException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** Each problem with its file, line and key path. */
    public List<TagMapProblem> problems() {
        return problems;
    }

    private static String message(List<TagMapProblem> problems) {
        if (problems.size() == 1) {
            return "Invalid tag map: " + problems.get(0);
        }
        StringBuilder out = new StringBuilder("Invalid tag map (" + problems.size() + " problems):");
        problems.forEach(p -> out.append(System.lineSeparator()).append("  - ").append(p));
        return out.toString();
    }
}
