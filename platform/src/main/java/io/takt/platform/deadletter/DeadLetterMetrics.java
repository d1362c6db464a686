package io.takt.platform.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Counts dead letters by app, source topic and reason: {@code takt_dead_letters_total} in
 * Prometheus. A rising count is the alert; the dead-letter topic holds the details.
 */
public final class DeadLetterMetrics {

    /** Meter name; Prometheus shows it as {@code takt_dead_letters_total}. */
    public static final String METER = "takt.dead.letters";

    private final MeterRegistry registry;

    public DeadLetterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts into Micrometer's global registry, which drops everything until someone adds a registry
     * to it: the fallback for handlers Kafka Streams creates without being handed one.
     */
    public static DeadLetterMetrics global() {
        return new DeadLetterMetrics(Metrics.globalRegistry);
    }

    /** Counts one dead letter. */
    public void count(String app, String sourceTopic, String reason) {
        Counter.builder(METER)
                .description("Records sent to the dead-letter topic")
                .tag("app", app)
                .tag("topic", sourceTopic == null ? "unknown" : sourceTopic)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
