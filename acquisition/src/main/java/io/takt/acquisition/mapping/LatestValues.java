package io.takt.acquisition.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;

/** The last usable value of every tag, for tags that take a lot's material or quantity from a sibling. */
final class LatestValues {

    private final Map<String, Object> values = new ConcurrentHashMap<>();

    void record(TagSample sample) {
        String key = key(sample.sourceId(), sample.address());
        if (sample.quality() == SampleQuality.NO_DATA) {
            values.remove(key);
        } else if (sample.quality() != SampleQuality.BAD) {
            values.put(key, sample.value());
        }
    }

    Optional<Object> get(String sourceId, String address) {
        return address == null ? Optional.empty() : Optional.ofNullable(values.get(key(sourceId, address)));
    }

    private static String key(String sourceId, String address) {
        return sourceId + "\u0000" + address;
    }
}
