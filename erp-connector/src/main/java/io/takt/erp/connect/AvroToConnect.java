package io.takt.erp.connect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro schemas and values to Connect's, as {@link ConnectSchemas} describes. Values may be raw
 * (Long, Integer, ByteBuffer for logical types, Utf8 for strings), as the platform's deserializer
 * reads GenericRecords, or converted (Instant, LocalDate, LocalTime, BigDecimal, String), as a
 * generated class holds them.
 */
final class AvroToConnect {

    /** Full names of the records being built, so a record that contains itself fails instead of recursing forever. */
    private final Set<String> recordsInProgress = new HashSet<>();

    private AvroToConnect() {
    }

    /** @throws DataException naming the field whose type Connect cannot express */
    static Schema schema(org.apache.avro.Schema avro) {
        return new AvroToConnect().builderFor(avro, avro.getName()).build();
    }

    /** {@code value} of schema {@code avro} as Connect data of schema {@code connect}, built by {@link #schema}. */
    static Object value(Object value, org.apache.avro.Schema avro, Schema connect) {
        if (value == null) {
            return null;
        }
        return switch (avro.getType()) {
            case RECORD -> struct((GenericRecord) value, avro, connect);
            case UNION -> value(value, ConnectSchemas.nonNull(avro), connect);
            // Utf8 or String; a generic enum symbol or a generated enum: both print as the text.
            case STRING, ENUM -> value.toString();
            case INT -> int32(value, avro.getLogicalType());
            case LONG -> int64(value, avro.getLogicalType());
            case BYTES, FIXED -> bytes(value, avro.getLogicalType());
            case ARRAY -> list((Collection<?>) value, avro.getElementType(), connect.valueSchema());
            case MAP -> map((Map<?, ?>) value, avro.getValueType(), connect.valueSchema());
            case BOOLEAN, FLOAT, DOUBLE, NULL -> value;
        };
    }

    private SchemaBuilder builderFor(org.apache.avro.Schema avro, String path) {
        return switch (avro.getType()) {
            case RECORD -> struct(avro, path);
            case UNION -> nullable(avro, path);
            case STRING, ENUM -> SchemaBuilder.string();
            case BOOLEAN -> SchemaBuilder.bool();
            case INT -> int32Schema(avro.getLogicalType());
            case LONG -> int64Schema(avro.getLogicalType());
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case BYTES, FIXED -> bytesSchema(avro.getLogicalType());
            case ARRAY -> SchemaBuilder.array(builderFor(avro.getElementType(), path + "[]").build());
            case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, builderFor(avro.getValueType(), path + "{}").build());
            case NULL -> throw new DataException(String.format(
                    "Field '%s' has type null on its own: Connect has no null type", path));
        };
    }

    private SchemaBuilder struct(org.apache.avro.Schema record, String path) {
        String name = record.getFullName();
        if (!recordsInProgress.add(name)) {
            throw new DataException(String.format(
                    "Field '%s' holds record %s inside itself: Connect schemas cannot be recursive", path, name));
        }
        SchemaBuilder struct = SchemaBuilder.struct().name(name).doc(record.getDoc());
        for (org.apache.avro.Schema.Field field : record.getFields()) {
            struct.field(field.name(), builderFor(field.schema(), path + "." + field.name()).build());
        }
        recordsInProgress.remove(name);
        return struct;
    }

    private SchemaBuilder nullable(org.apache.avro.Schema union, String path) {
        if (!ConnectSchemas.isNullable(union)) {
            throw new DataException(String.format(
                    "Field '%s' is the union %s: unions other than null|T are not supported", path, union));
        }
        return builderFor(ConnectSchemas.nonNull(union), path).optional();
    }

    private static SchemaBuilder int32Schema(LogicalType logical) {
        if (logical instanceof LogicalTypes.Date) {
            return Date.builder();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return Time.builder();
        }
        return SchemaBuilder.int32();
    }

    private static SchemaBuilder int64Schema(LogicalType logical) {
        // Connect's Timestamp is milliseconds; microseconds lose their last three digits.
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return Timestamp.builder();
        }
        return SchemaBuilder.int64();
    }

    private static SchemaBuilder bytesSchema(LogicalType logical) {
        if (logical instanceof LogicalTypes.Decimal decimal) {
            // Connect's Decimal has no precision of its own; sinks such as Debezium's JDBC sink size
            // the column from this parameter.
            return Decimal.builder(decimal.getScale())
                    .parameter(ConnectSchemas.DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
        }
        return SchemaBuilder.bytes();
    }

    private static Struct struct(GenericRecord record, org.apache.avro.Schema avro, Schema connect) {
        Struct struct = new Struct(connect);
        List<Field> fields = connect.fields();
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
            Field target = fields.get(field.pos());
            struct.put(target, value(record.get(field.pos()), field.schema(), target.schema()));
        }
        return struct;
    }

    private static Object int32(Object value, LogicalType logical) {
        if (logical instanceof LogicalTypes.Date) {
            long days = value instanceof LocalDate date ? date.toEpochDay() : (Integer) value;
            return new java.util.Date(TimeUnit.DAYS.toMillis(days));
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            long millis = value instanceof LocalTime time ? TimeUnit.NANOSECONDS.toMillis(time.toNanoOfDay()) : (Integer) value;
            return new java.util.Date(millis);
        }
        return value;
    }

    private static Object int64(Object value, LogicalType logical) {
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return timestamp(value, 1);
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return timestamp(value, 1000);
        }
        return value;
    }

    private static java.util.Date timestamp(Object value, long unitsPerMilli) {
        if (value instanceof Instant instant) {
            return java.util.Date.from(instant);
        }
        return new java.util.Date(Math.floorDiv((Long) value, unitsPerMilli));
    }

    private static Object bytes(Object value, LogicalType logical) {
        if (!(logical instanceof LogicalTypes.Decimal decimal)) {
            return byteArray(value);
        }
        if (value instanceof BigDecimal number) {
            return number;
        }
        // Avro's decimal is the unscaled value in big-endian two's complement, as BigInteger reads it.
        return new BigDecimal(new BigInteger(byteArray(value)), decimal.getScale());
    }

    private static byte[] byteArray(Object value) {
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes();
        }
        // A duplicate, so reading does not move the record's own buffer.
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static List<Object> list(Collection<?> values, org.apache.avro.Schema avro, Schema connect) {
        List<Object> list = new ArrayList<>(values.size());
        for (Object element : values) {
            list.add(value(element, avro, connect));
        }
        return list;
    }

    private static Map<String, Object> map(Map<?, ?> values, org.apache.avro.Schema avro, Schema connect) {
        Map<String, Object> map = new LinkedHashMap<>();
        // Avro map keys are Utf8 when read as GenericRecords.
        values.forEach((key, item) -> map.put(key.toString(), value(item, avro, connect)));
        return map;
    }
}
