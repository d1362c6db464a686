package io.takt.schemas.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaParseException;

/**
 * The last released version of every event contract, kept as one self-contained {@code <RecordName>.avsc}
 * per contract, and the rule that the current contracts must still read what was released (BACKWARD).
 * Used by the build's gate ({@code ReleasedSchemasCompatibilityTest}) and by {@link ReleaseSchemas}.
 */
public final class ReleasedSchemas {

    /** What the current contracts must be with respect to the released ones. */
    public static final CompatibilityLevel LEVEL = CompatibilityLevel.BACKWARD;

    private static final String SUFFIX = ".avsc";

    private ReleasedSchemas() {
    }

    /** Reads every {@code *.avsc} in {@code directory}, each with its own parser, by file name without suffix. */
    public static Map<String, Schema> read(Path directory) throws IOException {
        Map<String, Schema> released = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return released;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                released.put(name.substring(0, name.length() - SUFFIX.length()), parse(file));
            }
        }
        return released;
    }

    /**
     * Why {@code current} may not follow {@code released}: one line per contract that became incompatible
     * (naming the contract and the fields), that was released but no longer exists, or whose released file
     * holds another record. Contracts not yet released are fine. Empty when all is well.
     */
    public static List<String> problems(Map<String, Schema> current, Map<String, Schema> released) {
        List<String> problems = new ArrayList<>();
        released.forEach((name, releasedSchema) -> {
            Schema currentSchema = current.get(name);
            if (currentSchema == null) {
                problems.add(name + " was released but has no current contract: restore it, or retire it"
                        + " deliberately by deleting its released copy " + name + SUFFIX);
            } else {
                problem(name, currentSchema, releasedSchema).ifPresent(problems::add);
            }
        });
        return problems;
    }

    /** Why the current version of one contract may not follow its released version, if it may not. */
    public static Optional<String> problem(String name, Schema current, Schema released) {
        if (!released.getName().equals(name)) {
            return Optional.of(name + SUFFIX + " holds record " + released.getFullName() + ", not " + name);
        }
        List<String> problems = CompatibilityChecker.problems(LEVEL, current, List.of(released));
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(name + " is not " + LEVEL + " compatible with its released version: "
                + String.join("; ", problems));
    }

    /** Writes {@code schema} as {@code <name>.avsc} into {@code directory}; returns whether the file changed. */
    public static boolean write(Path directory, String name, Schema schema) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(name + SUFFIX);
        String text = render(schema);
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            return false;
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return true;
    }

    /** The released form of a schema: pretty, self-contained JSON (nested types inlined), with a final newline. */
    public static String render(Schema schema) {
        return SchemaFormatter.format("json/pretty", schema) + "\n";
    }

    private static Schema parse(Path file) throws IOException {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (SchemaParseException e) {
            throw new IOException("Released schema " + file + " does not parse: " + e.getMessage(), e);
        }
    }
}
