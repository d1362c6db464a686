package io.takt.schemas.compat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/** Turns JSON-pointer locations ("/fields/3/type") into the field path a person reads ("shift.start"). */
final class FieldNames {

    private FieldNames() {
    }

    /** One line: the kind of incompatibility, the field path in the reader schema, and the message. */
    static String explain(ReadProblem problem, Schema reader) {
        String location = problem.location();
        String field = fieldPath(reader, location);
        String where = field.isEmpty() ? "at " + location : "field '" + field + "' (" + location + ")";
        return problem.kind() + " " + where + ": " + problem.message();
    }

    /**
     * Walks the pointer through the reader schema, collecting field names; unions, arrays and maps are
     * stepped through. Stops quietly at a step the schema does not have, so a pointer that names a
     * writer-side position (Avro's union branch indices) never throws.
     */
    static String fieldPath(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema current = reader;
        String[] steps = location.split("/");
        for (int i = 1; i < steps.length && current != null; i++) {
            String step = steps[i];
            if (step.equals("fields") && i + 1 < steps.length && current.getType() == Schema.Type.RECORD) {
                int index = indexIn(steps[++i], current.getFields().size());
                if (index < 0) {
                    break;
                }
                Schema.Field field = current.getFields().get(index);
                names.add(field.name());
                current = field.schema();
            } else if (step.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if (step.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (current.getType() == Schema.Type.UNION && indexIn(step, current.getTypes().size()) >= 0) {
                current = current.getTypes().get(Integer.parseInt(step));
            } else if (!step.equals("type")) {
                break; // "symbols", "name", "size": a property of the type itself, not a deeper field
            }
        }
        return String.join(".", names);
    }

    /** The step as an index below {@code size}, or -1 when it is not one. */
    private static int indexIn(String step, int size) {
        if (!step.matches("\\d{1,9}")) {
            return -1;
        }
        int index = Integer.parseInt(step);
        return index < size ? index : -1;
    }
}
