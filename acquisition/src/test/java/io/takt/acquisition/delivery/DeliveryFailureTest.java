package io.takt.acquisition.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import io.takt.platform.registry.SchemaRegistryException;

class DeliveryFailureTest {

    @Test
    void shouldRetryWhileKafkaIsAway() {
        assertThat(DeliveryFailure.of(new TimeoutException("EndTxn timed out"))).isEqualTo(
                DeliveryFailure.KAFKA_UNAVAILABLE);
        // A topic that is not there yet may be created: waiting is right, dropping would not be
        assertThat(DeliveryFailure.of(new UnknownTopicOrPartitionException("no such topic")))
                .isEqualTo(DeliveryFailure.KAFKA_UNAVAILABLE);
    }

    @Test
    void shouldSetAsideWhatKafkaOrTheRegistryWillNeverTake() {
        assertThat(DeliveryFailure.of(new KafkaException("commit failed", new RecordTooLargeException("2 MB"))))
                .isEqualTo(DeliveryFailure.UNDELIVERABLE);
        assertThat(DeliveryFailure.of(new SchemaRegistryException(409, 409, "incompatible")))
                .isEqualTo(DeliveryFailure.UNDELIVERABLE);
        assertThat(DeliveryFailure.of(new SchemaRegistryException(422, 42201, "invalid schema")))
                .isEqualTo(DeliveryFailure.UNDELIVERABLE);
    }

    @Test
    void shouldRetryARegistryThatIsAwayOrFailing() {
        assertThat(DeliveryFailure.of(new SchemaRegistryException("connection refused", new IOException())))
                .isEqualTo(DeliveryFailure.REGISTRY_UNAVAILABLE);
        // 50001: the registry's own store (its Kafka) is down
        assertThat(DeliveryFailure.of(new SchemaRegistryException(500, 50001, "store error")))
                .isEqualTo(DeliveryFailure.REGISTRY_UNAVAILABLE);
    }

    @Test
    void shouldStopWhenAnotherProcessTookTheTransactionalId() {
        assertThat(DeliveryFailure.of(new KafkaException(new ProducerFencedException("epoch bumped"))))
                .isEqualTo(DeliveryFailure.FENCED);
    }

    @Test
    void shouldTellADiskFaultFromAKafkaOne() {
        assertThat(DeliveryFailure.of(new BufferReadException(new IOException("EIO"))))
                .isEqualTo(DeliveryFailure.BUFFER_UNREADABLE);
    }
}
