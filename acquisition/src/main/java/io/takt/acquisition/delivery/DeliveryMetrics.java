package io.takt.acquisition.delivery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

import io.takt.acquisition.delivery.buffer.DropReason;
import io.takt.acquisition.delivery.buffer.DroppedEvents;

/**
 * The meters of store-and-forward, tagged with the gateway id. In Prometheus:
 * {@code takt_edge_events_in_total}, {@code takt_edge_events_out_total},
 * {@code takt_edge_events_dropped_total{reason}}, {@code takt_edge_buffer_events},
 * {@code takt_edge_buffer_bytes}, {@code takt_edge_buffer_oldest_age_seconds},
 * {@code takt_edge_send_retries_total}, {@code takt_edge_kafka_reachable}.
 */
final class DeliveryMetrics {

    static final String EVENTS_IN = "takt.edge.events.in";
    static final String EVENTS_OUT = "takt.edge.events.out";
    static final String EVENTS_DROPPED = "takt.edge.events.dropped";
    static final String BUFFER_EVENTS = "takt.edge.buffer.events";
    static final String BUFFER_BYTES = "takt.edge.buffer.bytes";
    static final String OLDEST_AGE = "takt.edge.buffer.oldest.age";
    static final String SEND_RETRIES = "takt.edge.send.retries";
    static final String KAFKA_REACHABLE = "takt.edge.kafka.reachable";

    private final MeterRegistry registry;
    private final String gatewayId;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter in;
    private final Counter out;
    private final Counter retries;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

    DeliveryMetrics(MeterRegistry registry, String gatewayId) {
        this.registry = registry;
        this.gatewayId = gatewayId;
        in = counter(EVENTS_IN, "Events written ahead to the edge buffer");
        out = counter(EVENTS_OUT, "Events committed to their Kafka topic");
        retries = counter(SEND_RETRIES, "Failed attempts to reach Kafka or the schema registry, each retried");
        for (DropReason reason : DropReason.values()) {
            Counter c = Counter.builder(EVENTS_DROPPED).description("Undelivered events the edge buffer dropped")
                    .tag("gateway", gatewayId).tag("reason", reason.tag()).register(registry);
            meters.add(c);
            dropped.put(reason, c);
        }
    }

    /** Gauges read from the live outbox on each scrape. */
    void bindGauges(Supplier<DeliveryStatus> status) {
        meters.add(Gauge.builder(BUFFER_EVENTS, () -> status.get().undeliveredEvents())
                .description("Events in the edge buffer not yet committed to Kafka")
                .tag("gateway", gatewayId).strongReference(true).register(registry));
        meters.add(Gauge.builder(BUFFER_BYTES, () -> status.get().bufferBytes()).baseUnit("bytes")
                .description("Bytes the edge buffer's segment files take on disk")
                .tag("gateway", gatewayId).strongReference(true).register(registry));
        meters.add(TimeGauge.builder(OLDEST_AGE, () -> status.get().oldestUnsentAge().toMillis(),
                        TimeUnit.MILLISECONDS)
                .description("How long the oldest event not yet committed to Kafka has waited")
                .tag("gateway", gatewayId).strongReference(true).register(registry));
        meters.add(Gauge.builder(KAFKA_REACHABLE, () -> status.get().kafkaReachable() ? 1 : 0)
                .description("1 if the last attempt to reach Kafka succeeded, else 0")
                .tag("gateway", gatewayId).strongReference(true).register(registry));
    }

    void appended(int events) {
        in.increment(events);
    }

    void delivered(int events) {
        out.increment(events);
    }

    void retried() {
        retries.increment();
    }

    void dropped(DroppedEvents events) {
        dropped.get(events.reason()).increment(events.count());
    }

    /** Removes this outbox's meters, so that a new one on the same registry starts clean. */
    void unbind() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private Counter counter(String name, String description) {
        Counter c = Counter.builder(name).description(description).tag("gateway", gatewayId).register(registry);
        meters.add(c);
        return c;
    }
}
