package io.takt.acquisition.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;

/** The last usable value of every tag, for tags that take a lot's material or quantity from a sibling. */
final class LatestValues {

    /** By source id, then address: no key is built per sample (this runs for every sample). */
    private final Map<String, Map<String, Object>> values = new ConcurrentHashMap<>();

    void record(TagSample sample) {
        if (sample.quality() == SampleQuality.NO_DATA) {
            Map<String, Object> ofSource = values.get(sample.sourceId());
            if (ofSource != null) {
                ofSource.remove(sample.address());
            }
        } else if (sample.quality() != SampleQuality.BAD) {
            values.computeIfAbsent(sample.sourceId(), source -> new ConcurrentHashMap<>())
                    .put(sample.address(), sample.value());
        }
    }

    Optional<Object> get(String sourceId, String address) {
        Map<String, Object> ofSource = address == null ? null : values.get(sourceId);
        return ofSource == null ? Optional.empty() : Optional.ofNullable(ofSource.get(address));
    }
}
