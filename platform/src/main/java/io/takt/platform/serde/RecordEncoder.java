package io.takt.platform.serde;

import java.io.IOException;

import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** Encodes Avro data in Confluent's wire format under its topic's subject. Safe to share between threads. */
final class RecordEncoder {

    private final SubjectSchemaIds schemaIds;
    private final DatumWriters writers = new DatumWriters();
    private final ThreadLocal<EncodeBuffer> buffers = ThreadLocal.withInitial(EncodeBuffer::new);

    RecordEncoder(SubjectSchemaIds schemaIds) {
        this.schemaIds = schemaIds;
    }

    byte[] encode(String topic, Object data) {
        GenericContainer datum = asAvro(topic, data);
        String subject = schemaIds.subjectFor(topic);
        int id = schemaIds.idFor(topic, subject, datum.getSchema());
        EncodeBuffer buffer = buffers.get();
        try {
            return buffer.encode(id, writers.forDatum(datum), datum);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(String.format("Cannot encode %s for topic '%s' (subject '%s', schema id %d): %s",
                    datum.getSchema().getFullName(), topic, subject, id, reason(e)), e);
        } finally {
            if (!buffer.worthKeeping()) {
                buffers.remove();
            }
        }
    }

    /** Releases the calling thread's buffer; other threads' buffers go when their threads do. */
    void release() {
        buffers.remove();
    }

    private static GenericContainer asAvro(String topic, Object data) {
        if (data instanceof GenericContainer container) {
            return container;
        }
        throw new SerializationException(String.format(
                "Cannot serialize %s for topic '%s': the Avro serializer takes SpecificRecords and GenericRecords",
                data.getClass().getName(), topic));
    }

    /** Avro's EOFException on a truncated body has no message; its name says enough. */
    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
