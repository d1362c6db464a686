package io.takt.acquisition.delivery;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.takt.acquisition.delivery.buffer.BufferedEvent;
import io.takt.platform.deadletter.DeadLetter;

/**
 * Dead letters for buffered events that can never be sent. The value is the plain Avro binary
 * from the buffer, with its writer schema in a header so that it can be replayed; a value too
 * large for Kafka is left out (it would be refused again), its size noted instead.
 */
final class EdgeDeadLetters {

    static final String SCHEMA_REJECTED = "schema-rejected";
    static final String SCHEMA_MISSING = "schema-missing";
    static final String RECORD_TOO_LARGE = "record-too-large";
    static final String REJECTED_BY_KAFKA = "rejected-by-kafka";

    static final String HEADER_GATEWAY = "takt.edge.gateway";
    static final String HEADER_POSITION = "takt.edge.position";
    static final String HEADER_SCHEMA = "takt.edge.schema";
    static final String HEADER_WRITER_SCHEMA = "takt.edge.writer.schema";
    static final String HEADER_VALUE_FORMAT = "takt.edge.value.format";
    static final String HEADER_VALUE_BYTES = "takt.edge.value.bytes";

    private final String gatewayId;

    EdgeDeadLetters(String gatewayId) {
        this.gatewayId = gatewayId;
    }

    DeadLetter of(BufferedEvent event, String reason, Throwable error) {
        boolean keepValue = !tooLarge(error);
        Headers headers = new RecordHeaders();
        text(headers, HEADER_GATEWAY, gatewayId);
        text(headers, HEADER_POSITION, String.valueOf(event.position()));
        text(headers, HEADER_SCHEMA, event.schemaName());
        text(headers, HEADER_VALUE_FORMAT, keepValue ? "avro-binary" : "none");
        text(headers, HEADER_VALUE_BYTES, String.valueOf(event.value().length));
        if (keepValue && event.writerSchema() != null) {
            text(headers, HEADER_WRITER_SCHEMA, event.writerSchema().toString());
        }
        return DeadLetter.builder(reason, error, event.topic())
                .key(event.key().getBytes(StandardCharsets.UTF_8))
                .value(keepValue ? event.value() : null)
                .timestamp(event.appendTime().toEpochMilli())
                .headers(headers)
                .build();
    }

    /** The reason token for an event Kafka itself refused. */
    static String reasonFor(Throwable error) {
        return tooLarge(error) ? RECORD_TOO_LARGE : REJECTED_BY_KAFKA;
    }

    private static boolean tooLarge(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException;
    }

    private static void text(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
