package io.takt.schemas.compat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Turns Avro's JSON-pointer locations ("/fields/3/type") into the field path a person reads ("shift.start"). */
final class FieldNames {

    private FieldNames() {
    }

    /** One line: the kind of incompatibility, the field path in the reader schema, and Avro's message. */
    static String explain(Incompatibility incompatibility, Schema reader) {
        String location = incompatibility.getLocation();
        String field = fieldPath(reader, location);
        String where = field.isEmpty() ? "at " + location : "field '" + field + "' (" + location + ")";
        return incompatibility.getType() + " " + where + ": " + incompatibility.getMessage();
    }

    /** Walks the pointer through the reader schema, collecting field names; unions and arrays are stepped through. */
    static String fieldPath(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema current = reader;
        String[] steps = location.split("/");
        for (int i = 1; i < steps.length && current != null; i++) {
            String step = steps[i];
            if (step.equals("fields") && i + 1 < steps.length && current.getType() == Schema.Type.RECORD) {
                Schema.Field field = current.getFields().get(Integer.parseInt(steps[++i]));
                names.add(field.name());
                current = field.schema();
            } else if (step.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if (step.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (step.matches("\\d+") && current.getType() == Schema.Type.UNION) {
                current = current.getTypes().get(Integer.parseInt(step));
            } else if (!step.equals("type")) {
                break; // "symbols", "name", "size": a property of the type itself, not a deeper field
            }
        }
        return String.join(".", names);
    }
}
