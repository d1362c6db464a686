package io.takt.platform.serde;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * How a deserializer picks the schema it reads into, given the schema a record was written with,
 * and the datum reader that resolves one into the other.
 */
sealed interface ReaderSchemas {

    Schema readerFor(Schema writer);

    DatumReader<Object> datumReader(Schema writer, Schema reader);

    /** Every record into {@code type}, whatever version of its schema wrote it. */
    static ReaderSchemas intoClass(Class<?> type) {
        Objects.requireNonNull(type, "type");
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not an Avro SpecificRecord class");
        }
        SpecificData model = SpecificData.getForClass(type);
        return new IntoClass(model.getSchema(type), model);
    }

    /** Each record into the generated class named like its writer's schema (Confluent's specific.avro.reader). */
    static ReaderSchemas intoClassNamedByWriter() {
        return new IntoClassNamedByWriter();
    }

    /** Each record as a GenericRecord of exactly the schema it was written with. */
    static ReaderSchemas asWritten() {
        return new AsWritten();
    }

    record IntoClass(Schema schema, SpecificData model) implements ReaderSchemas {

        @Override
        public Schema readerFor(Schema writer) {
            return schema;
        }

        @Override
        public DatumReader<Object> datumReader(Schema writer, Schema reader) {
            // Avro resolves a record of another name into defaults without complaint; a record from
            // the wrong topic must fail loudly, naming what does not fit, rather than read as zeros.
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            if (check.getType() == SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE) {
                throw new SerializationException("Cannot read " + writer.getFullName() + " into "
                        + reader.getFullName() + ": " + describe(check.getResult()));
            }
            return new SpecificDatumReader<>(writer, reader, model);
        }

        private static String describe(SchemaCompatibility.SchemaCompatibilityResult result) {
            return result.getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                    .collect(Collectors.joining("; "));
        }
    }

    final class IntoClassNamedByWriter implements ReaderSchemas {

        private final ConcurrentMap<String, Schema> byWriterName = new ConcurrentHashMap<>();

        @Override
        public Schema readerFor(Schema writer) {
            return byWriterName.computeIfAbsent(writer.getFullName(), name -> classSchema(writer));
        }

        @Override
        public DatumReader<Object> datumReader(Schema writer, Schema reader) {
            // The class's own model carries its logical-type conversions (e.g. Instant, BigDecimal).
            return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
        }

        private static Schema classSchema(Schema writer) {
            Class<?> type = SpecificData.get().getClass(writer);
            if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
                throw new SerializationException("No SpecificRecord class " + writer.getFullName()
                        + " on the classpath for the writer's schema; add the generated classes or set "
                        + AvroSerdeConfig.SPECIFIC_AVRO_READER + "=false to read GenericRecords");
            }
            return SpecificData.getForClass(type).getSchema(type);
        }
    }

    record AsWritten() implements ReaderSchemas {

        @Override
        public Schema readerFor(Schema writer) {
            return writer;
        }

        @Override
        public DatumReader<Object> datumReader(Schema writer, Schema reader) {
            return new GenericDatumReader<>(writer, reader, GenericData.get());
        }
    }
}
