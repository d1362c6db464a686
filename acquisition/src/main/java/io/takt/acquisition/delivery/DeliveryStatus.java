package io.takt.acquisition.delivery;

import java.time.Duration;

/**
 * A snapshot of store-and-forward for health checks and the CLI.
 *
 * @param state             where delivery stands
 * @param kafkaReachable    whether the last attempt to reach Kafka succeeded
 * @param undeliveredEvents events in the buffer not yet committed to Kafka
 * @param bufferBytes       bytes the buffer's segment files take on disk
 * @param oldestUnsentAge   how long the oldest undelivered event has waited; zero when none waits
 */
public record DeliveryStatus(DeliveryState state, boolean kafkaReachable, long undeliveredEvents, long bufferBytes,
                             Duration oldestUnsentAge) {
}
