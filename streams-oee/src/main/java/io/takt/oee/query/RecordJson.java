package io.takt.oee.query;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders Avro records as the plain JSON a dashboard expects: one object per record with the
 * schema's field names, timestamps as ISO-8601 strings, enums as their names and a union as its
 * value or null. Avro's own JSON encoder is not used because it wraps union values in
 * {@code {"type": value}}.
 */
public final class RecordJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    /** The record as a JSON object, fields in schema order. */
    public static ObjectNode render(IndexedRecord record) {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            object.set(field.name(), value(field.schema(), record.get(field.pos())));
        }
        return object;
    }

    private static JsonNode value(Schema schema, Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        if (schema.getType() == Schema.Type.UNION) {
            return value(branch(schema, datum), datum);
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            JsonNode converted = logicalValue(logical.getName(), datum);
            if (converted != null) {
                return converted;
            }
        }
        return plainValue(schema, datum);
    }

    private static JsonNode plainValue(Schema schema, Object datum) {
        return switch (schema.getType()) {
            case RECORD -> render((IndexedRecord) datum);
            case ENUM, STRING -> NODES.textNode(datum.toString());
            case ARRAY -> array(schema.getElementType(), (Collection<?>) datum);
            case MAP -> map(schema.getValueType(), (Map<?, ?>) datum);
            case INT -> NODES.numberNode(((Number) datum).intValue());
            case LONG -> NODES.numberNode(((Number) datum).longValue());
            case FLOAT, DOUBLE -> number(((Number) datum).doubleValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) datum);
            case BYTES -> NODES.textNode(base64(((ByteBuffer) datum).duplicate()));
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case NULL, UNION -> NODES.nullNode();
        };
    }

    /** Null for a logical type this renderer leaves to the underlying type. */
    private static JsonNode logicalValue(String logicalType, Object datum) {
        return switch (logicalType) {
            case "timestamp-millis" -> NODES.textNode(datum instanceof Instant instant
                    ? instant.toString() : Instant.ofEpochMilli(((Number) datum).longValue()).toString());
            case "timestamp-micros" -> NODES.textNode(datum instanceof Instant instant
                    ? instant.toString()
                    : Instant.EPOCH.plus(((Number) datum).longValue(), ChronoUnit.MICROS).toString());
            case "decimal" -> datum instanceof BigDecimal decimal ? NODES.numberNode(decimal) : null;
            default -> datum instanceof Number || datum instanceof CharSequence || datum instanceof ByteBuffer
                    || datum instanceof GenericContainer ? null : NODES.textNode(datum.toString());
        };
    }

    // NaN and infinities are not JSON; the KPIs use null for "no value" anyway.
    private static JsonNode number(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.nullNode();
    }

    private static ArrayNode array(Schema element, Collection<?> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(item -> array.add(value(element, item)));
        return array;
    }

    private static ObjectNode map(Schema valueSchema, Map<?, ?> entries) {
        ObjectNode object = NODES.objectNode();
        entries.forEach((key, item) -> object.set(key.toString(), value(valueSchema, item)));
        return object;
    }

    private static String base64(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The first non-null branch of the union that can hold the datum. */
    private static Schema branch(Schema union, Object datum) {
        for (Schema candidate : union.getTypes()) {
            if (candidate.getType() != Schema.Type.NULL && holds(candidate, datum)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No branch of " + union + " holds a " + datum.getClass().getName());
    }

    private static boolean holds(Schema schema, Object datum) {
        return switch (schema.getType()) {
            case RECORD -> datum instanceof IndexedRecord r && r.getSchema().getFullName().equals(schema.getFullName());
            case ENUM -> datum instanceof GenericContainer c && c.getSchema().getFullName().equals(schema.getFullName())
                    || datum instanceof Enum<?> e && e.getDeclaringClass().getSimpleName().equals(schema.getName());
            case STRING -> datum instanceof CharSequence;
            case INT -> datum instanceof Integer || schema.getLogicalType() != null && !(datum instanceof Number);
            case LONG -> datum instanceof Long || datum instanceof Instant;
            case FLOAT -> datum instanceof Float;
            case DOUBLE -> datum instanceof Double;
            case BOOLEAN -> datum instanceof Boolean;
            case BYTES -> datum instanceof ByteBuffer || datum instanceof BigDecimal;
            case FIXED -> datum instanceof GenericFixed f && f.getSchema().getFullName().equals(schema.getFullName());
            case ARRAY -> datum instanceof Collection<?>;
            case MAP -> datum instanceof Map<?, ?>;
            case NULL, UNION -> false;
        };
    }
}
