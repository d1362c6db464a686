package io.takt.acquisition.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.source.TagSource;

/**
 * Sits between the sources and the mapper and counts what passes: samples per source, and when each
 * tag last had a value, so that a tag that has gone quiet shows up in status and metrics. Per-tag
 * ages are summarised per source (the oldest), to keep the number of metric series bounded on a
 * plant with thousands of tags.
 */
final class SourceStatistics implements TagListener {

    /** One source's figures. */
    record Snapshot(String sourceId, long samples, int tags, Duration oldestTagAge) {
    }

    private final TagListener next;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> samples = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> lastValue = new ConcurrentHashMap<>();

    SourceStatistics(TagListener next, MeterRegistry meters) {
        this.next = next;
        this.meters = meters;
    }

    /** Registers each source's meters: connected, samples, reconnects, oldest tag age. */
    void bind(List<TagSource> sources) {
        for (TagSource source : sources) {
            String id = source.id();
            samples.put(id, new AtomicLong());
            lastValue.put(id, new ConcurrentHashMap<>());
            Gauge.builder("takt.edge.source.connected", source,
                    s -> s.status().state() == ConnectionState.CONNECTED ? 1 : 0)
                    .tag("source", id).description("1 while the source is connected").register(meters);
            FunctionCounter.builder("takt.edge.source.samples", samples.get(id), AtomicLong::get)
                    .tag("source", id).description("Samples received from the source").register(meters);
            FunctionCounter.builder("takt.edge.source.reconnects", source, s -> s.status().reconnects())
                    .tag("source", id).description("Connections re-established").register(meters);
            Gauge.builder("takt.edge.source.tag.age.max", this, s -> s.oldestAge(id).toMillis() / 1000.0)
                    .tag("source", id).baseUnit("seconds")
                    .description("Age of the source's least recently updated tag").register(meters);
        }
    }

    @Override
    public void onSample(TagSample sample) {
        count(sample);
        next.onSample(sample);
    }

    @Override
    public void onSamples(List<TagSample> batch) {
        batch.forEach(this::count);
        next.onSamples(batch);
    }

    private void count(TagSample sample) {
        AtomicLong count = samples.get(sample.sourceId());
        if (count != null) {
            count.incrementAndGet();
            lastValue.get(sample.sourceId()).put(sample.address(), sample.receiveTime());
        }
    }

    @Override
    public void onConnection(String sourceId, ConnectionState state, String detail) {
        next.onConnection(sourceId, state, detail);
    }

    List<Snapshot> snapshot() {
        return samples.keySet().stream().sorted()
                .map(id -> new Snapshot(id, samples.get(id).get(), lastValue.get(id).size(), oldestAge(id)))
                .toList();
    }

    private Duration oldestAge(String sourceId) {
        Instant oldest = lastValue.get(sourceId).values().stream().min(Instant::compareTo).orElse(null);
        return oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now());
    }
}
