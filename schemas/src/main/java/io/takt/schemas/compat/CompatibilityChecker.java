package io.takt.schemas.compat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.avro.Schema;

/**
 * Decides whether a candidate Avro schema may follow earlier versions under a compatibility level.
 * One implementation serves both the build's check of released schemas and the schema registry,
 * so a change the build accepts is one the registry accepts too.
 *
 * <p>Stricter than Avro's {@code SchemaCompatibility} in one way: a changed logical type
 * ({@code timestamp-millis} to {@code timestamp-micros}, a decimal's scale) is incompatible, because
 * the data still decodes but means something else.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * Lists what makes {@code candidate} incompatible with {@code previous} (oldest first) under
     * {@code level}; an empty list means it is compatible. Each problem names the direction,
     * the kind, the field path, the location (a JSON pointer into the reading schema) and the reason,
     * e.g. {@code "BACKWARD: READER_FIELD_MISSING_DEFAULT_VALUE field 'shift' (/fields/9): shift"};
     * fields inside nested records read as {@code equipment.line}. The same problem found against
     * several earlier versions is listed once.
     */
    public static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> previous) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(previous, "previous");
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        Set<String> problems = new LinkedHashSet<>();
        List<Schema> against = level.isTransitive() ? previous : List.of(previous.get(previous.size() - 1));
        for (Schema earlier : against) {
            if (level.checksBackward()) {
                describe("BACKWARD", candidate, earlier, problems);
            }
            if (level.checksForward()) {
                describe("FORWARD", earlier, candidate, problems);
            }
        }
        return List.copyOf(problems);
    }

    private static void describe(String direction, Schema reader, Schema writer, Set<String> problems) {
        for (ReadProblem problem : ReadProblems.between(reader, writer)) {
            problems.add(direction + ": " + FieldNames.explain(problem, reader));
        }
    }
}
