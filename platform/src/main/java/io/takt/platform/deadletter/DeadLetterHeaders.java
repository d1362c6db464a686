package io.takt.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names of a dead letter. The first six are Kafka Streams' own (KIP-1034, as its
 * {@code ExceptionHandlerUtils} writes them), so that dead letters from Streams apps and from plain
 * clients look the same to whoever reads the dead-letter topic. Takt adds the reason, the app, the
 * time and, for Streams, the processor. Every value is UTF-8 text.
 */
public final class DeadLetterHeaders {

    /** Class name of the exception, e.g. {@code org.apache.kafka.common.errors.SerializationException}. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** The exception's message, cut to {@link DeadLetter#MAX_MESSAGE_CHARS}. */
    public static final String MESSAGE = "__streams.errors.message";
    /** The stack trace, cut to {@link DeadLetter#MAX_STACKTRACE_CHARS}. */
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    /** Topic the record was read from (or, for a producer, meant for). */
    public static final String TOPIC = "__streams.errors.topic";
    /** Partition the record was read from; absent if unknown. */
    public static final String PARTITION = "__streams.errors.partition";
    /** Offset the record was read from; absent if unknown. */
    public static final String OFFSET = "__streams.errors.offset";

    /** Why the record was dead-lettered: a short token, e.g. {@code deserialization} ({@link DeadLetterReason}). */
    public static final String REASON = "takt.dlq.reason";
    /** Application (Streams {@code application.id}, or service name) that gave up on the record. */
    public static final String APP = "takt.dlq.app";
    /** When it was dead-lettered, ISO-8601 UTC, e.g. {@code 2026-11-25T23:21:10.123Z}. */
    public static final String TIME = "takt.dlq.time";
    /** Kafka Streams processor node that failed; absent outside Streams or when unknown. */
    public static final String PROCESSOR = "takt.dlq.processor";

    /** Every header this convention writes. */
    public static final List<String> ALL =
            List.of(EXCEPTION, MESSAGE, STACKTRACE, TOPIC, PARTITION, OFFSET, REASON, APP, TIME, PROCESSOR);

    private DeadLetterHeaders() {
    }

    /** The text of the last header with this name, if present and not null. */
    public static Optional<String> read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
