package io.takt.schemas.compat;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.avro.Schema;

/**
 * A deliberately changed copy of a schema, made by editing its JSON the way a developer edits an .avsc.
 * Named types are edited where they are defined, so a change to EquipmentRef reaches every field using it.
 */
final class SchemaVariant {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NAMED_KINDS = Set.of("record", "enum", "fixed");

    private final ObjectNode root;

    private SchemaVariant(ObjectNode root) {
        this.root = root;
    }

    static SchemaVariant of(Schema schema) {
        try {
            return new SchemaVariant((ObjectNode) JSON.readTree(schema.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends {@code fieldJson} to the fields of the record type named {@code recordName}. */
    SchemaVariant addField(String recordName, String fieldJson) {
        ((ArrayNode) definition(recordName).get("fields")).add(parse(fieldJson));
        return this;
    }

    /** Replaces the type of field {@code fieldName} of record type {@code recordName} by {@code typeJson}. */
    SchemaVariant changeFieldType(String recordName, String fieldName, String typeJson) {
        field(recordName, fieldName).set("type", parse(typeJson));
        return this;
    }

    /** Removes the field (a current reader no longer has it). */
    SchemaVariant removeField(String recordName, String fieldName) {
        Iterator<JsonNode> fields = definition(recordName).get("fields").iterator();
        while (fields.hasNext()) {
            if (fields.next().get("name").asText().equals(fieldName)) {
                fields.remove();
                return this;
            }
        }
        throw new IllegalArgumentException("no field " + fieldName + " in " + recordName);
    }

    /** Removes {@code symbol} from the enum type {@code enumName}. */
    SchemaVariant removeEnumSymbol(String enumName, String symbol) {
        Iterator<JsonNode> symbols = definition(enumName).get("symbols").iterator();
        while (symbols.hasNext()) {
            if (symbols.next().asText().equals(symbol)) {
                symbols.remove();
                return this;
            }
        }
        throw new IllegalArgumentException("no symbol " + symbol + " in " + enumName);
    }

    /** Removes the default symbol of the enum type {@code enumName}. */
    SchemaVariant dropEnumDefault(String enumName) {
        definition(enumName).remove("default");
        return this;
    }

    /** Removes the default value of a field. */
    SchemaVariant dropFieldDefault(String recordName, String fieldName) {
        field(recordName, fieldName).remove("default");
        return this;
    }

    /** Appends {@code symbol} to the enum type {@code enumName}. */
    SchemaVariant addEnumSymbol(String enumName, String symbol) {
        ((ArrayNode) definition(enumName).get("symbols")).add(symbol);
        return this;
    }

    Schema build() {
        return new Schema.Parser().parse(root.toString());
    }

    private ObjectNode field(String recordName, String fieldName) {
        for (JsonNode field : definition(recordName).get("fields")) {
            if (field.get("name").asText().equals(fieldName)) {
                return (ObjectNode) field;
            }
        }
        throw new IllegalArgumentException("no field " + fieldName + " in " + recordName);
    }

    private ObjectNode definition(String name) {
        ObjectNode found = find(root, name);
        if (found == null) {
            throw new IllegalArgumentException("no type definition " + name);
        }
        return found;
    }

    private static ObjectNode find(JsonNode node, String name) {
        if (node.isObject() && node.path("type").isTextual() && NAMED_KINDS.contains(node.get("type").asText())
                && node.path("name").asText().equals(name)) {
            return (ObjectNode) node;
        }
        for (JsonNode child : node) {
            ObjectNode found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
