package io.takt.platform.serde;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes Confluent-framed Avro, resolving the writer's schema against the reader's, so older and
 * newer writers can be read. Safe to share between threads.
 */
final class RecordDecoder {

    private final WriterSchemas writerSchemas;
    private final ReaderSchemas readerSchemas;
    private final ConcurrentMap<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    RecordDecoder(WriterSchemas writerSchemas, ReaderSchemas readerSchemas) {
        this.writerSchemas = writerSchemas;
        this.readerSchemas = readerSchemas;
    }

    Object decode(String topic, ConfluentWireFormat.Framed framed) {
        int id = framed.schemaId();
        Schema writer = writerSchemas.byId(id, topic);
        try {
            Schema reader = readerSchemas.readerFor(writer);
            DatumReader<Object> datumReader = readers.computeIfAbsent(new ReaderKey(id, reader),
                    key -> readerSchemas.datumReader(writer, reader));
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(framed.message(), framed.avroOffset(), framed.avroLength(), null);
            return datumReader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(String.format("Cannot decode record from topic '%s' written with schema id %d (%s): %s",
                    topic, id, writer.getFullName(), reason(e)), e);
        }
    }

    /** Resolving a writer against a reader is the costly step in building a reader, so both are the key. */
    private record ReaderKey(int writerId, Schema reader) {
    }

    /** Avro's EOFException on a truncated body has no message; its name says enough. */
    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
