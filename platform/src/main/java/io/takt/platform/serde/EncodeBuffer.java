package io.takt.platform.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/** One thread's output buffer and Avro encoder, reused so that encoding allocates little more than the result. */
final class EncodeBuffer {

    /** A buffer grown past this by one huge record is dropped rather than kept pinned to its thread. */
    static final int RETAIN_LIMIT_BYTES = 1 << 20;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;

    /** The datum in Confluent's wire format: header for {@code schemaId}, then its Avro binary encoding. */
    byte[] encode(int schemaId, DatumWriter<Object> writer, Object datum) throws IOException {
        out.reset();
        ConfluentWireFormat.writeHeader(out, schemaId);
        // A direct encoder holds no buffer of its own, so a write that failed half-way leaves no
        // bytes behind to leak into the next record, which a reused buffered encoder could.
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    boolean worthKeeping() {
        return out.size() <= RETAIN_LIMIT_BYTES;
    }
}
