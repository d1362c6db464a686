package io.takt.schemas.compat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Lists why a reader schema cannot read a writer's data: Avro's own checks, made precise where Avro stops short.
 *
 * <p>Avro reports a change inside a record that sits in a union (every optional record field,
 * {@code ["null", EquipmentRef]}) only as "reader union lacking writer type: RECORD" at the union, and
 * points at the writer's branch index. This class looks into the matching reader branch, so the problem
 * names the nested field ({@code equipment.line}) and the location points into the reader. It also adds
 * the logical-type changes Avro ignores (see {@link LogicalTypeChanges}).
 */
final class ReadProblems {

    private ReadProblems() {
    }

    static List<ReadProblem> between(Schema reader, Schema writer) {
        List<ReadProblem> found = new ArrayList<>();
        collect(reader, writer, "", new HashSet<>(), found);
        found.addAll(LogicalTypeChanges.between(reader, writer));
        return found;
    }

    private static void collect(Schema reader, Schema writer, String prefix, Set<Pair> drilled,
            List<ReadProblem> found) {
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            if (incompatibility.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH
                    && incompatibility.getReaderFragment().getType() == Schema.Type.UNION) {
                unionMiss(incompatibility, prefix, drilled, found);
            } else {
                found.add(new ReadProblem(incompatibility.getType().name(),
                        join(prefix, incompatibility.getLocation()), incompatibility.getMessage()));
            }
        }
    }

    /**
     * A writer's union branch the reader union cannot take. When the reader has a branch of the same type
     * and name, the real problems are inside it: report those. Otherwise report the miss at the union,
     * not at Avro's pointer, whose last step is the index of the writer's branch, not the reader's.
     */
    private static void unionMiss(Incompatibility incompatibility, String prefix, Set<Pair> drilled,
            List<ReadProblem> found) {
        Schema readerUnion = incompatibility.getReaderFragment();
        String unionLocation = incompatibility.getLocation();
        Schema writerBranch = incompatibility.getWriterFragment();
        if (writerBranch.getType() == Schema.Type.UNION) {
            int slash = unionLocation.lastIndexOf('/');
            writerBranch = writerBranch.getTypes().get(Integer.parseInt(unionLocation.substring(slash + 1)));
            unionLocation = unionLocation.substring(0, slash);
        }
        int readerIndex = UnionBranches.indexOfMatch(readerUnion, writerBranch);
        int before = found.size();
        if (readerIndex >= 0) {
            Schema readerBranch = readerUnion.getTypes().get(readerIndex);
            // A recursive schema would bring the same pair back forever: look inside each pair once.
            if (drilled.add(new Pair(readerBranch, writerBranch))) {
                collect(readerBranch, writerBranch, join(prefix, unionLocation) + "/" + readerIndex, drilled,
                        found);
            }
        }
        if (found.size() == before) {
            found.add(new ReadProblem(incompatibility.getType().name(), join(prefix, unionLocation),
                    incompatibility.getMessage()));
        }
    }

    private static String join(String prefix, String location) {
        if (location.isEmpty() || location.equals("/")) {
            return prefix.isEmpty() ? "/" : prefix;
        }
        return prefix + location;
    }

    private record Pair(Schema reader, Schema writer) {
    }
}
