package io.takt.acquisition.tagmap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one tag map file while it is read, so all are reported at once. */
final class Problems {

    private final String file;
    private final List<TagMapProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(int line, String path, String message) {
        found.add(new TagMapProblem(file, line, path, message));
    }

    void add(TagMapProblem problem) {
        found.add(problem);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** In file order, so the integrator can work down the file. */
    List<TagMapProblem> sorted() {
        return found.stream().sorted(Comparator.comparingInt(TagMapProblem::line)).toList();
    }
}
