package io.takt.erp.connect;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps Avro data to Connect data and back, keeping each schema's counterpart once built: the
 * converter maps a schema per record, and building one per record would cost more than decoding.
 * Safe to share between threads.
 *
 * <p>The mapping, Avro to Connect: record to STRUCT (named by the record's full name, with its doc,
 * fields in order); union {@code null|T} in either order to T made optional; string and enum to
 * STRING; boolean, int, long, float, double, bytes to BOOLEAN, INT32, INT64, FLOAT32, FLOAT64, BYTES;
 * fixed to BYTES; array to ARRAY; map to MAP of STRING keys. Logical types: timestamp-millis and
 * timestamp-micros to {@code Timestamp}, date to {@code Date}, time-millis to {@code Time}, decimal
 * (bytes or fixed) to {@code Decimal} of the same scale, with the precision in the
 * {@value #DECIMAL_PRECISION} parameter; other logical types map as their underlying type. Other
 * unions fail. Connect to Avro is the reverse, with optional schemas as unions {@code null|T}
 * defaulting to null, INT8 and INT16 as int, and enums coming back as strings.
 */
final class ConnectSchemas {

    /** The Connect schema parameter holding a decimal's precision, as Confluent's AvroConverter names it. */
    static final String DECIMAL_PRECISION = "connect.decimal.precision";

    private final ConcurrentMap<org.apache.avro.Schema, Schema> connectByAvro = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, org.apache.avro.Schema> avroByConnect = new ConcurrentHashMap<>();

    /**
     * The Connect schema and value of an Avro datum.
     *
     * @throws DataException when its schema has no Connect counterpart
     */
    SchemaAndValue toConnect(GenericContainer datum) {
        Schema connect = connectSchema(datum.getSchema());
        return new SchemaAndValue(connect, AvroToConnect.value(datum, datum.getSchema(), connect));
    }

    /**
     * The Avro record of a Connect struct of schema {@code connect}.
     *
     * @throws DataException when the schema or the value has no Avro counterpart
     */
    GenericRecord toAvro(Schema connect, Object struct) {
        return (GenericRecord) ConnectToAvro.value(struct, connect, avroSchema(connect));
    }

    Schema connectSchema(org.apache.avro.Schema avro) {
        // Avro schemas cache their hash code, so this lookup is cheap for the writer schemas the
        // deserializer hands out, which are the same instance for every record of one schema id.
        return connectByAvro.computeIfAbsent(avro, AvroToConnect::schema);
    }

    org.apache.avro.Schema avroSchema(Schema connect) {
        return avroByConnect.computeIfAbsent(connect, ConnectToAvro::schema);
    }

    /** Whether {@code union} is {@code null|T} or {@code T|null}, the only unions Connect can express. */
    static boolean isNullable(org.apache.avro.Schema union) {
        List<org.apache.avro.Schema> types = union.getTypes();
        return types.size() == 2 && (isNull(types.get(0)) || isNull(types.get(1)));
    }

    /** The T of a union that {@link #isNullable} accepted. */
    static org.apache.avro.Schema nonNull(org.apache.avro.Schema union) {
        List<org.apache.avro.Schema> types = union.getTypes();
        return isNull(types.get(0)) ? types.get(1) : types.get(0);
    }

    private static boolean isNull(org.apache.avro.Schema schema) {
        return schema.getType() == org.apache.avro.Schema.Type.NULL;
    }
}
