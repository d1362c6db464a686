package io.takt.acquisition.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Plain Avro binary of generated records, as the buffer stores them. The writer uses the record
 * class's own model, which carries its logical-type conversions (e.g. {@code Instant} timestamps).
 * Thread-safe.
 */
final class AvroBinary {

    private final Map<Schema, DatumWriter<SpecificRecordBase>> writers = new ConcurrentHashMap<>();

    byte[] encode(SpecificRecordBase record) {
        DatumWriter<SpecificRecordBase> writer = writers.computeIfAbsent(record.getSchema(),
                schema -> new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass())));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + record.getSchema().getFullName(), e);
        }
        return out.toByteArray();
    }
}
