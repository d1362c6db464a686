package io.takt.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DeadLetterProductionHandlerTest {

    /** The context Kafka Streams hands over when writing a result of source record press-1 @ 5 fails. */
    record Context(String topic, int partition, long offset, Headers headers, String processorNodeId, TaskId taskId,
                   long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ErrorHandlerContext context = new Context("takt.site1.production-count.v1", 0, 5L,
            new RecordHeaders(), "oee-sink", new TaskId(0, 0), 1_000L, bytes("press-1"), bytes("42"));
    private final ProducerRecord<byte[], byte[]> result =
            new ProducerRecord<>("takt.site1.oee.v1", bytes("press-1"), new byte[2_000_000]);

    private DeadLetterProductionHandler handler() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "takt-oee",
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "takt.site1.dlq.v1",
                StreamsDeadLetters.METRICS_CONFIG, new DeadLetterMetrics(registry)));
        return handler;
    }

    @Test
    void shouldDeadLetterAResultTheBrokerRefusesAsTooLargeAndGoOn() {
        // When the broker refuses one oversized result
        ProductionExceptionHandler.Response response =
                handler().handleError(context, result, new RecordTooLargeException("2000000 bytes"));

        // Then the app goes on, and the source record behind it is dead-lettered
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("takt.site1.dlq.v1");
            assertThat(letter.key()).isEqualTo(bytes("press-1"));
            assertThat(letter.value()).isEqualTo(bytes("42"));
            assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.REASON)).contains("production");
        });
        assertThat(registry.get(DeadLetterMetrics.METER).tag("reason", "production").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldRetryARetriableError() {
        ProductionExceptionHandler.Response response =
                handler().handleError(context, result, new NotEnoughReplicasException("1 of 2 in sync"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldStopOnAnErrorEveryRecordWouldHitButKeepTheEvidence() {
        // Given an error that is not about this one record
        ProductionExceptionHandler.Response response =
                handler().handleError(context, result, new TopicAuthorizationException("not allowed"));

        // Then the app stops, as Kafka Streams' default does, with a dead letter for the record
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
    }

    @Test
    void shouldRefuseToStartWithoutADeadLetterTopic() {
        assertThatThrownBy(() -> new DeadLetterProductionHandler().configure(
                Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "takt-oee")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DeadLetterProductionHandler needs errors.dead.letter.queue.topic.name");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
