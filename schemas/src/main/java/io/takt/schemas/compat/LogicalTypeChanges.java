package io.takt.schemas.compat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Finds fields whose logical type changed between writer and reader, which Avro's compatibility check
 * ignores because the encoding is the same. {@code timestamp-millis} read as {@code timestamp-micros}
 * decodes fine and is wrong by a factor of 1000, so for Takt it is a breaking change.
 *
 * <p>Walks reader and writer together the way schema resolution pairs them: record fields by name
 * (or alias), union branches by type and name, array items and map values. Pairs Avro already
 * rejects for their type are left to Avro's own report.
 */
final class LogicalTypeChanges {

    private static final String LOGICAL_TYPE = LogicalType.LOGICAL_TYPE_PROP;

    private LogicalTypeChanges() {
    }

    static List<ReadProblem> between(Schema reader, Schema writer) {
        List<ReadProblem> found = new ArrayList<>();
        new Walk(found).visit(reader, writer, "");
        return found;
    }

    private static final class Walk {
        private final List<ReadProblem> found;
        private final Set<List<Schema>> visited = new HashSet<>();

        Walk(List<ReadProblem> found) {
            this.found = found;
        }

        void visit(Schema reader, Schema writer, String location) {
            if (writer.getType() == Schema.Type.UNION) {
                writer.getTypes().forEach(branch -> visit(reader, branch, location));
            } else if (reader.getType() == Schema.Type.UNION) {
                int index = UnionBranches.indexOfMatch(reader, writer);
                if (index >= 0) {
                    visit(reader.getTypes().get(index), writer, location + "/" + index);
                }
            } else if (reader.getType() == writer.getType() || promotes(writer.getType(), reader.getType())) {
                compare(reader, writer, location);
                descend(reader, writer, location);
            }
        }

        private void compare(Schema reader, Schema writer, String location) {
            String readerLogical = reader.getProp(LOGICAL_TYPE);
            String writerLogical = writer.getProp(LOGICAL_TYPE);
            if (!Objects.equals(readerLogical, writerLogical)) {
                found.add(new ReadProblem("LOGICAL_TYPE_MISMATCH", location.isEmpty() ? "/" : location,
                        "reader logical type: " + readerLogical + " not compatible with writer logical type: "
                                + writerLogical));
            } else if (reader.getLogicalType() instanceof LogicalTypes.Decimal readerDecimal
                    && writer.getLogicalType() instanceof LogicalTypes.Decimal writerDecimal
                    && !holds(readerDecimal, writerDecimal)) {
                found.add(new ReadProblem("LOGICAL_TYPE_MISMATCH", location.isEmpty() ? "/" : location,
                        "reader decimal(" + readerDecimal.getPrecision() + "," + readerDecimal.getScale()
                                + ") cannot hold writer decimal(" + writerDecimal.getPrecision() + ","
                                + writerDecimal.getScale() + ")"));
            }
        }

        private void descend(Schema reader, Schema writer, String location) {
            switch (reader.getType()) {
                case RECORD -> {
                    if (visited.add(List.of(reader, writer))) {
                        for (Schema.Field readerField : reader.getFields()) {
                            Schema.Field writerField = writerField(writer, readerField);
                            if (writerField != null) {
                                visit(readerField.schema(), writerField.schema(),
                                        location + "/fields/" + readerField.pos() + "/type");
                            }
                        }
                    }
                }
                case ARRAY -> visit(reader.getElementType(), writer.getElementType(), location + "/items");
                case MAP -> visit(reader.getValueType(), writer.getValueType(), location + "/values");
                default -> {
                    // primitives, enums and fixed carry no nested fields
                }
            }
        }

        private static Schema.Field writerField(Schema writer, Schema.Field readerField) {
            Schema.Field byName = writer.getField(readerField.name());
            if (byName != null) {
                return byName;
            }
            return readerField.aliases().stream().map(writer::getField).filter(Objects::nonNull).findFirst()
                    .orElse(null);
        }

        /** A decimal keeps its value only with the same scale and at least the writer's precision. */
        private static boolean holds(LogicalTypes.Decimal reader, LogicalTypes.Decimal writer) {
            return reader.getScale() == writer.getScale() && reader.getPrecision() >= writer.getPrecision();
        }

        private static boolean promotes(Schema.Type from, Schema.Type to) {
            return switch (from) {
                case INT -> to == Schema.Type.LONG || to == Schema.Type.FLOAT || to == Schema.Type.DOUBLE;
                case LONG -> to == Schema.Type.FLOAT || to == Schema.Type.DOUBLE;
                case FLOAT -> to == Schema.Type.DOUBLE;
                case STRING -> to == Schema.Type.BYTES;
                case BYTES -> to == Schema.Type.STRING;
                default -> false;
            };
        }
    }
}
