package io.takt.dashboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The dashboard's own meters: records read and skipped per topic, browsers connected, reader failures. */
final class DashboardMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger streamClients = new AtomicInteger();
    private final Counter readerFailures;
    private final Map<String, Counter> read = new ConcurrentHashMap<>();
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();

    DashboardMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("takt.dashboard.sse.clients", streamClients, AtomicInteger::get)
                .description("Browsers connected to /api/events").register(registry);
        readerFailures = Counter.builder("takt.dashboard.reader.failures")
                .description("Times the topic reader stopped on an error it could not skip").register(registry);
    }

    void recordRead(String topic) {
        read.computeIfAbsent(topic, t -> Counter.builder("takt.dashboard.records.read")
                .description("Records read from the KPI topics into the view").tag("topic", t).register(registry))
                .increment();
    }

    void recordSkipped(String topic) {
        skipped.computeIfAbsent(topic, t -> Counter.builder("takt.dashboard.records.skipped")
                .description("Records the view could not decode or take").tag("topic", t).register(registry))
                .increment();
    }

    void clientConnected() {
        streamClients.incrementAndGet();
    }

    void clientDisconnected() {
        streamClients.decrementAndGet();
    }

    void readerFailed() {
        readerFailures.increment();
    }
}
