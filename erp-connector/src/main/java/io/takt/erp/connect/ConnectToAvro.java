package io.takt.erp.connect;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Connect schemas and values to Avro's generic ones, the reverse of {@link AvroToConnect}. */
final class ConnectToAvro {

    /** Avro needs a name for every record; a Connect struct may have none, so it is named by its place. */
    private static final String UNNAMED_RECORD = "ConnectRecord";
    /** What Confluent's AvroConverter assumes when a Connect Decimal does not say. */
    private static final int DEFAULT_DECIMAL_PRECISION = 64;

    private ConnectToAvro() {
    }

    /** @throws DataException naming the field whose type Avro cannot express */
    static org.apache.avro.Schema schema(Schema connect) {
        return avroFor(connect, UNNAMED_RECORD);
    }

    /** {@code value} of schema {@code connect} as Avro generic data of schema {@code avro}, built by {@link #schema}. */
    static Object value(Object value, Schema connect, org.apache.avro.Schema avro) {
        if (value == null) {
            return null;
        }
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            return value(value, connect, ConnectSchemas.nonNull(avro));
        }
        return switch (connect.type()) {
            case STRUCT -> record((Struct) value, connect, avro);
            case INT8, INT16 -> ((Number) value).intValue();
            case INT32 -> int32(value, connect);
            case INT64 -> int64(value, connect);
            case BYTES -> bytes(value, connect);
            case ARRAY -> list((Collection<?>) value, connect.valueSchema(), avro.getElementType());
            case MAP -> map((Map<?, ?>) value, connect.valueSchema(), avro.getValueType());
            case BOOLEAN, FLOAT32, FLOAT64, STRING -> value;
        };
    }

    private static org.apache.avro.Schema avroFor(Schema connect, String path) {
        org.apache.avro.Schema schema = required(connect, path);
        return connect.isOptional() ? org.apache.avro.Schema.createUnion(primitive(org.apache.avro.Schema.Type.NULL), schema) : schema;
    }

    private static org.apache.avro.Schema required(Schema connect, String path) {
        return switch (connect.type()) {
            case STRUCT -> record(connect, path);
            case STRING -> primitive(org.apache.avro.Schema.Type.STRING);
            case BOOLEAN -> primitive(org.apache.avro.Schema.Type.BOOLEAN);
            case INT8, INT16 -> primitive(org.apache.avro.Schema.Type.INT);
            case INT32 -> int32Schema(connect);
            case INT64 -> int64Schema(connect);
            case FLOAT32 -> primitive(org.apache.avro.Schema.Type.FLOAT);
            case FLOAT64 -> primitive(org.apache.avro.Schema.Type.DOUBLE);
            case BYTES -> bytesSchema(connect);
            case ARRAY -> org.apache.avro.Schema.createArray(avroFor(connect.valueSchema(), path));
            case MAP -> mapSchema(connect, path);
        };
    }

    private static org.apache.avro.Schema record(Schema struct, String path) {
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        for (Field field : struct.fields()) {
            Schema schema = field.schema();
            // Avro can only default a union to its first branch, which is null here.
            Object defaultValue = schema.isOptional() ? JsonProperties.NULL_VALUE : null;
            fields.add(new org.apache.avro.Schema.Field(field.name(), avroFor(schema, path + "_" + field.name()), null,
                    defaultValue));
        }
        String name = struct.name() != null ? struct.name() : path;
        return org.apache.avro.Schema.createRecord(name, struct.doc(), null, false, fields);
    }

    private static org.apache.avro.Schema int32Schema(Schema connect) {
        if (Date.LOGICAL_NAME.equals(connect.name())) {
            return LogicalTypes.date().addToSchema(primitive(org.apache.avro.Schema.Type.INT));
        }
        if (Time.LOGICAL_NAME.equals(connect.name())) {
            return LogicalTypes.timeMillis().addToSchema(primitive(org.apache.avro.Schema.Type.INT));
        }
        return primitive(org.apache.avro.Schema.Type.INT);
    }

    private static org.apache.avro.Schema int64Schema(Schema connect) {
        if (Timestamp.LOGICAL_NAME.equals(connect.name())) {
            return LogicalTypes.timestampMillis().addToSchema(primitive(org.apache.avro.Schema.Type.LONG));
        }
        return primitive(org.apache.avro.Schema.Type.LONG);
    }

    private static org.apache.avro.Schema bytesSchema(Schema connect) {
        if (!Decimal.LOGICAL_NAME.equals(connect.name())) {
            return primitive(org.apache.avro.Schema.Type.BYTES);
        }
        Map<String, String> parameters = connect.parameters();
        int scale = Integer.parseInt(parameters.get(Decimal.SCALE_FIELD));
        String precision = parameters.get(ConnectSchemas.DECIMAL_PRECISION);
        int digits = precision != null ? Integer.parseInt(precision) : DEFAULT_DECIMAL_PRECISION;
        return LogicalTypes.decimal(digits, scale).addToSchema(primitive(org.apache.avro.Schema.Type.BYTES));
    }

    private static org.apache.avro.Schema mapSchema(Schema connect, String path) {
        if (connect.keySchema().type() != Schema.Type.STRING) {
            throw new DataException(String.format("Field '%s' is a map with %s keys: Avro maps have string keys",
                    path, connect.keySchema().type()));
        }
        return org.apache.avro.Schema.createMap(avroFor(connect.valueSchema(), path));
    }

    /** A new schema each call, so a logical type added to it stays there and marks no other field. */
    private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
        return org.apache.avro.Schema.create(type);
    }

    private static GenericRecord record(Struct struct, Schema connect, org.apache.avro.Schema avro) {
        GenericData.Record record = new GenericData.Record(avro);
        List<org.apache.avro.Schema.Field> fields = avro.getFields();
        for (Field field : connect.fields()) {
            org.apache.avro.Schema.Field target = fields.get(field.index());
            record.put(target.pos(), value(struct.get(field), field.schema(), target.schema()));
        }
        return record;
    }

    private static Object int32(Object value, Schema connect) {
        if (Date.LOGICAL_NAME.equals(connect.name())) {
            return Date.fromLogical(connect, (java.util.Date) value);
        }
        if (Time.LOGICAL_NAME.equals(connect.name())) {
            return Time.fromLogical(connect, (java.util.Date) value);
        }
        return value;
    }

    private static Object int64(Object value, Schema connect) {
        if (Timestamp.LOGICAL_NAME.equals(connect.name())) {
            return Timestamp.fromLogical(connect, (java.util.Date) value);
        }
        return value;
    }

    private static Object bytes(Object value, Schema connect) {
        if (Decimal.LOGICAL_NAME.equals(connect.name())) {
            return ByteBuffer.wrap(Decimal.fromLogical(connect, (BigDecimal) value));
        }
        // Connect allows either for BYTES; Avro's generic writer takes only a ByteBuffer.
        return value instanceof byte[] array ? ByteBuffer.wrap(array) : value;
    }

    private static List<Object> list(Collection<?> values, Schema connect, org.apache.avro.Schema avro) {
        List<Object> list = new ArrayList<>(values.size());
        for (Object element : values) {
            list.add(value(element, connect, avro));
        }
        return list;
    }

    private static Map<String, Object> map(Map<?, ?> values, Schema connect, org.apache.avro.Schema avro) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((key, item) -> map.put((String) key, value(item, connect, avro)));
        return map;
    }
}
