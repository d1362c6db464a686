package io.takt.platform.deadletter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record given up on: its original key, value and headers, where it came from, and why. Turned
 * into the dead-letter topic's record by {@link #toRecord}.
 */
public final class DeadLetter {

    /** Longest stack trace kept; a deep one would otherwise dwarf the record it explains. */
    public static final int MAX_STACKTRACE_CHARS = 8 * 1024;
    /** Longest exception message kept; some embed the whole payload. */
    public static final int MAX_MESSAGE_CHARS = 2 * 1024;

    private static final int MAX_ROOT_CAUSE_CHARS = 512;
    private static final String CUT = "... [truncated]";

    private final String reason;
    private final Throwable error;
    private final String sourceTopic;
    private final int partition;
    private final long offset;
    private final Long timestamp;
    private final byte[] key;
    private final byte[] value;
    private final Headers headers;
    private final String processor;

    private DeadLetter(Builder b) {
        this.reason = DeadLetterReason.check(b.reason);
        this.error = Objects.requireNonNull(b.error, "error");
        this.sourceTopic = Objects.requireNonNull(b.sourceTopic, "source topic");
        this.partition = b.partition;
        this.offset = b.offset;
        this.timestamp = b.timestamp;
        this.key = b.key;
        this.value = b.value;
        this.headers = b.headers;
        this.processor = b.processor;
    }

    /**
     * Starts a dead letter.
     *
     * @param reason      short token, see {@link DeadLetterReason}
     * @param error       what went wrong
     * @param sourceTopic topic the record was read from, or meant for if it never got there
     */
    public static Builder builder(String reason, Throwable error, String sourceTopic) {
        return new Builder(reason, error, sourceTopic);
    }

    /** A consumed record that could not be handled, with its bytes, headers and position. */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        return builder(reason, error, record.topic())
                .position(record.partition(), record.offset())
                .timestamp(record.timestamp())
                .key(record.key())
                .value(record.value())
                .headers(record.headers())
                .build();
    }

    /**
     * The record a consumer's {@code poll()} could not deserialize. Since KIP-1036 the exception
     * carries the raw bytes; the consumer must {@code seek} past its offset to go on.
     */
    public static DeadLetter of(RecordDeserializationException e) {
        // The wrapper only says "error deserializing at offset n", which the headers say already; the
        // deserializer's own exception says what was wrong, and is what Kafka Streams reports too.
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return builder(DeadLetterReason.DESERIALIZATION, cause, e.topicPartition().topic())
                .position(e.topicPartition().partition(), e.offset())
                .timestamp(e.timestamp())
                .key(bytes(e.keyBuffer()))
                .value(bytes(e.valueBuffer()))
                .headers(e.headers())
                .build();
    }

    public String reason() {
        return reason;
    }

    public Throwable error() {
        return error;
    }

    public String sourceTopic() {
        return sourceTopic;
    }

    /**
     * The dead-letter topic's record: original key, value, timestamp and headers, plus the
     * {@link DeadLetterHeaders}.
     *
     * @param deadLetterTopic where it goes
     * @param app             the application giving up on it
     * @param now             when
     */
    public ProducerRecord<byte[], byte[]> toRecord(String deadLetterTopic, String app, Instant now) {
        Headers out = new RecordHeaders();
        if (headers != null) {
            for (Header h : headers) {
                // A record dead-lettered before (say, replayed from the DLQ and failing again) keeps
                // only the latest failure's headers, so that readers never see two reasons.
                if (!DeadLetterHeaders.ALL.contains(h.key())) {
                    out.add(h.key(), h.value());
                }
            }
        }
        text(out, DeadLetterHeaders.EXCEPTION, error.getClass().getName());
        text(out, DeadLetterHeaders.MESSAGE, cut(error.getMessage(), MAX_MESSAGE_CHARS));
        text(out, DeadLetterHeaders.STACKTRACE, stackTrace(error));
        text(out, DeadLetterHeaders.TOPIC, sourceTopic);
        if (partition >= 0) {
            text(out, DeadLetterHeaders.PARTITION, String.valueOf(partition));
        }
        if (offset >= 0) {
            text(out, DeadLetterHeaders.OFFSET, String.valueOf(offset));
        }
        text(out, DeadLetterHeaders.REASON, reason);
        text(out, DeadLetterHeaders.APP, app);
        text(out, DeadLetterHeaders.TIME, now.truncatedTo(ChronoUnit.MILLIS).toString());
        if (processor != null) {
            text(out, DeadLetterHeaders.PROCESSOR, processor);
        }
        return new ProducerRecord<>(deadLetterTopic, null, timestamp, key, value, out);
    }

    /** For logs: where from and why, never the payload. */
    @Override
    public String toString() {
        return sourceTopic + (partition >= 0 ? "-" + partition : "") + (offset >= 0 ? "@" + offset : "")
                + " (" + reason + "): " + error.getClass().getName() + ": " + cut(error.getMessage(), 200);
    }

    // Like Kafka Streams, a null message becomes a header with a null value rather than no header.
    private static void text(Headers headers, String name, String value) {
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - CUT.length()) + CUT;
    }

    /**
     * The stack trace, cut to {@link #MAX_STACKTRACE_CHARS}. Java prints the root cause last, where a
     * plain cut would drop it, so a cut trace ends with the root cause's class and message.
     */
    static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        if (trace.length() <= MAX_STACKTRACE_CHARS) {
            return trace;
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootLine = System.lineSeparator() + "Root cause: " + cut(root.toString(), MAX_ROOT_CAUSE_CHARS);
        return trace.substring(0, MAX_STACKTRACE_CHARS - CUT.length() - rootLine.length()) + CUT + rootLine;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    /** Fills in what is known about the failed record; everything but reason, error and topic is optional. */
    public static final class Builder {
        private final String reason;
        private final Throwable error;
        private final String sourceTopic;
        private int partition = -1;
        private long offset = -1;
        private Long timestamp;
        private byte[] key;
        private byte[] value;
        private Headers headers;
        private String processor;

        private Builder(String reason, Throwable error, String sourceTopic) {
            this.reason = reason;
            this.error = error;
            this.sourceTopic = sourceTopic;
        }

        /** Partition and offset it was read from. */
        public Builder position(int sourcePartition, long sourceOffset) {
            this.partition = sourcePartition;
            this.offset = sourceOffset;
            return this;
        }

        /** Its original timestamp, kept on the dead letter; negative for none. */
        public Builder timestamp(long epochMillis) {
            this.timestamp = epochMillis < 0 ? null : epochMillis;
            return this;
        }

        public Builder key(byte[] originalKey) {
            this.key = originalKey;
            return this;
        }

        public Builder value(byte[] originalValue) {
            this.value = originalValue;
            return this;
        }

        public Builder headers(Headers originalHeaders) {
            this.headers = originalHeaders;
            return this;
        }

        /** The Kafka Streams processor node that failed. */
        public Builder processor(String processorNodeId) {
            this.processor = processorNodeId;
            return this;
        }

        public DeadLetter build() {
            return new DeadLetter(this);
        }
    }
}
