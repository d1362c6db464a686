package io.takt.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00.123456Z");

    @Test
    void shouldUseKafkaStreamsOwnHeaderNames() {
        // Guards an upgrade of Kafka: Streams' DLQ records and ours must stay alike
        assertThat(DeadLetterHeaders.EXCEPTION).isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME);
        assertThat(DeadLetterHeaders.MESSAGE).isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME);
        assertThat(DeadLetterHeaders.STACKTRACE).isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME);
        assertThat(DeadLetterHeaders.TOPIC).isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME);
        assertThat(DeadLetterHeaders.PARTITION).isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME);
        assertThat(DeadLetterHeaders.OFFSET).isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME);
    }

    @Test
    void shouldKeepOriginalBytesTimestampAndHeadersOfAConsumedRecord() {
        // Given a consumed record with a header
        Headers headers = new RecordHeaders().add("trace", bytes("abc"));
        var record = new ConsumerRecord<>("takt.site1.quality-result.v1", 2, 41L, 1_700L, TimestampType.CREATE_TIME,
                4, 3, bytes("LOT1"), bytes("bad"), headers, Optional.empty());

        // When dead-lettered
        ProducerRecord<byte[], byte[]> out = DeadLetter.of(record, "late-event", new IllegalStateException("too late"))
                .toRecord("takt.site1.dlq.v1", "qms-bridge", NOW);

        // Then the record is the original, with the convention's headers added
        assertThat(out.topic()).isEqualTo("takt.site1.dlq.v1");
        assertThat(out.partition()).isNull();
        assertThat(out.key()).isEqualTo(bytes("LOT1"));
        assertThat(out.value()).isEqualTo(bytes("bad"));
        assertThat(out.timestamp()).isEqualTo(1_700L);
        assertThat(read(out, "trace")).contains("abc");
        assertThat(read(out, DeadLetterHeaders.TOPIC)).contains("takt.site1.quality-result.v1");
        assertThat(read(out, DeadLetterHeaders.PARTITION)).contains("2");
        assertThat(read(out, DeadLetterHeaders.OFFSET)).contains("41");
        assertThat(read(out, DeadLetterHeaders.REASON)).contains("late-event");
        assertThat(read(out, DeadLetterHeaders.APP)).contains("qms-bridge");
        // the time is cut to milliseconds
        assertThat(read(out, DeadLetterHeaders.TIME)).contains("2026-11-25T06:00:00.123Z");
        assertThat(read(out, DeadLetterHeaders.PROCESSOR)).isEmpty();
    }

    @Test
    void shouldTakeTheRawBytesFromAConsumerDeserializationError() {
        // Given the error poll() throws for a poison pill (KIP-1036 carries the bytes)
        var error = new RecordDeserializationException(RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
                new TopicPartition("takt.site1.machine-state.v1", 1), 7L, 99L, TimestampType.CREATE_TIME,
                ByteBuffer.wrap(bytes("press-1")), ByteBuffer.wrap(new byte[] {1, 2, 3}), new RecordHeaders(),
                "bad value", new IllegalArgumentException("unknown magic byte"));

        // When dead-lettered
        ProducerRecord<byte[], byte[]> out = DeadLetter.of(error).toRecord("dlq", "edge", NOW);

        // Then key, value and position come from the error
        assertThat(out.key()).isEqualTo(bytes("press-1"));
        assertThat(out.value()).isEqualTo(new byte[] {1, 2, 3});
        assertThat(out.timestamp()).isEqualTo(99L);
        assertThat(read(out, DeadLetterHeaders.REASON)).contains("deserialization");
        assertThat(read(out, DeadLetterHeaders.OFFSET)).contains("7");
        // and the exception reported is the deserializer's, not the consumer's wrapper around it
        assertThat(read(out, DeadLetterHeaders.EXCEPTION)).contains(IllegalArgumentException.class.getName());
        assertThat(read(out, DeadLetterHeaders.MESSAGE)).contains("unknown magic byte");
    }

    @Test
    void shouldReplaceTheHeadersOfAnEarlierFailureRatherThanAddASecondSet() {
        // Given a record already dead-lettered once, replayed and failing again
        ProducerRecord<byte[], byte[]> first = DeadLetter.builder("processing", new IllegalStateException("first"), "src")
                .build().toRecord("dlq", "app", NOW);
        Headers replayed = new RecordHeaders(first.headers().toArray()).add("keep", bytes("me"));

        // When dead-lettered again
        ProducerRecord<byte[], byte[]> second = DeadLetter.builder("late-event", new IllegalStateException("second"), "src")
                .headers(replayed).build().toRecord("dlq", "app", NOW);

        // Then only the latest failure is described, and other headers are kept
        assertThat(second.headers().headers(DeadLetterHeaders.MESSAGE)).hasSize(1);
        assertThat(read(second, DeadLetterHeaders.MESSAGE)).contains("second");
        assertThat(read(second, DeadLetterHeaders.REASON)).contains("late-event");
        assertThat(read(second, "keep")).contains("me");
    }

    @Test
    void shouldCutLongStackTracesAndMessagesButKeepTheRootCause() {
        // Given an error with a huge message, thrown deep down and wrapped
        Exception deep = new IllegalStateException("wrapper " + "x".repeat(10_000),
                deepError(500, "root: unknown magic byte"));

        // When dead-lettered
        ProducerRecord<byte[], byte[]> out = DeadLetter.builder("processing", deep, "src").build()
                .toRecord("dlq", "app", NOW);

        // Then both are cut to their limits and say so
        assertThat(read(out, DeadLetterHeaders.MESSAGE).orElseThrow())
                .hasSize(DeadLetter.MAX_MESSAGE_CHARS).startsWith("wrapper xxx").endsWith("... [truncated]");
        // and the cut trace still ends with the root cause, which Java prints last
        assertThat(read(out, DeadLetterHeaders.STACKTRACE).orElseThrow())
                .hasSize(DeadLetter.MAX_STACKTRACE_CHARS)
                .startsWith("java.lang.IllegalStateException: wrapper xxx")
                .contains("... [truncated]")
                .endsWith("Root cause: java.lang.IllegalStateException: root: unknown magic byte");
    }

    @Test
    void shouldKeepAShortStackTraceWhole() {
        // Given an error with a short trace (a test's own would be deep with JUnit frames)
        var cause = new IllegalArgumentException("because");
        var shallow = new IllegalStateException("boom", cause);
        StackTraceElement frame = new StackTraceElement("io.takt.Oee", "close", "Oee.java", 42);
        shallow.setStackTrace(new StackTraceElement[] {frame});
        cause.setStackTrace(new StackTraceElement[] {frame});

        // Then its trace is kept whole, causes included

        assertThat(DeadLetter.stackTrace(shallow))
                .startsWith("java.lang.IllegalStateException: boom")
                .contains("Caused by: java.lang.IllegalArgumentException: because")
                .doesNotContain("[truncated]");
    }

    @Test
    void shouldWriteANullMessageAsANullHeaderLikeKafkaStreams() {
        ProducerRecord<byte[], byte[]> out = DeadLetter.builder("processing", new NullPointerException(), "src")
                .build().toRecord("dlq", "app", NOW);

        assertThat(out.headers().lastHeader(DeadLetterHeaders.MESSAGE).value()).isNull();
        // and an unknown position is left out rather than written as -1
        assertThat(out.headers().lastHeader(DeadLetterHeaders.OFFSET)).isNull();
    }

    @Test
    void shouldRefuseAReasonThatWouldBlowUpMetricCardinality() {
        assertThatThrownBy(() -> DeadLetter.builder("Timestamp 12:00 too late for press-1", new Exception(), "src")
                .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadLetter.builder("Late Event", new Exception(), "src").build())
                .hasMessageContaining("must be a short token");
    }

    private static Exception deepError(int depth, String message) {
        if (depth == 0) {
            return new IllegalStateException(message);
        }
        return deepError(depth - 1, message);
    }

    private static Optional<String> read(ProducerRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.read(record.headers(), name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
