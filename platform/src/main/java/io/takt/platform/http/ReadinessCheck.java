package io.takt.platform.http;

import org.apache.kafka.streams.KafkaStreams;

/**
 * One condition for a service to take work, e.g. "kafka-streams is running". Called on each
 * {@code /ready} request, so it must be quick and must not block.
 */
@FunctionalInterface
public interface ReadinessCheck {

    CheckResult check();

    /**
     * Ready while Kafka Streams is {@code RUNNING} or {@code REBALANCING}. A rebalance is part of
     * normal running (every rolling restart causes one on every instance), and marking all instances
     * unready at once would take the whole service out of its load balancer.
     */
    static ReadinessCheck kafkaStreams(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            boolean ready = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
            return new CheckResult(ready, state.name());
        };
    }
}
