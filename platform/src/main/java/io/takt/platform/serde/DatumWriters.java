package io.takt.platform.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;

/** One thread-safe {@link DatumWriter} per schema, built for the first datum and reused after. */
final class DatumWriters {

    // Kept apart because a generated class's model carries logical-type conversions (e.g. Instant
    // for timestamp-millis) that would misread a GenericRecord holding the raw long.
    private final ConcurrentMap<Schema, DatumWriter<Object>> specific = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, DatumWriter<Object>> generic = new ConcurrentHashMap<>();

    DatumWriter<Object> forDatum(GenericContainer datum) {
        if (isSpecific(datum)) {
            return specific.computeIfAbsent(datum.getSchema(),
                    schema -> new SpecificDatumWriter<>(schema, SpecificData.getForClass(datum.getClass())));
        }
        return generic.computeIfAbsent(datum.getSchema(), schema -> new GenericDatumWriter<>(schema, GenericData.get()));
    }

    /** Generated code: records, enums and fixeds; everything else is Avro's generic representation. */
    private static boolean isSpecific(GenericContainer datum) {
        return datum instanceof SpecificRecord || datum instanceof Enum<?> || datum instanceof SpecificFixed;
    }
}
