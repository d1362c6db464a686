package io.takt.schemas.compat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides whether a candidate Avro schema may follow earlier versions under a compatibility level.
 * One implementation serves both the build's check of released schemas and the schema registry,
 * so a change the build accepts is one the registry accepts too.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * Lists what makes {@code candidate} incompatible with {@code previous} (oldest first) under
     * {@code level}; an empty list means it is compatible. Each problem names the direction,
     * the location (a JSON pointer into the schema) and Avro's reason, e.g.
     * {@code "BACKWARD: READER_FIELD_MISSING_DEFAULT_VALUE field 'shift' (/fields/3): shift"}.
     */
    public static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> previous) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return problems;
        }
        List<Schema> against = level.isTransitive() ? previous : List.of(previous.get(previous.size() - 1));
        for (Schema earlier : against) {
            if (level.checksBackward()) {
                describe("BACKWARD", candidate, SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier),
                        problems);
            }
            if (level.checksForward()) {
                describe("FORWARD", earlier, SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate),
                        problems);
            }
        }
        return problems;
    }

    private static void describe(String direction, Schema reader, SchemaPairCompatibility result,
            List<String> problems) {
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(direction + ": " + FieldNames.explain(incompatibility, reader));
        }
    }
}
