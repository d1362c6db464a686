package io.takt.acquisition.source;

import java.util.List;

/** Receives what a {@link TagSource} acquires. Called from the source's own threads; must not block long. */
public interface TagListener {

    /** A tag changed (or was sampled); returns once the sample is accepted (written ahead to disk). */
    void onSample(TagSample sample);

    /**
     * Samples that arrived together (one OPC UA publish response, one Sparkplug payload), in the
     * order they are to be taken; returns once all are accepted. A source that gets samples in
     * bursts should call this rather than {@link #onSample} for each, so that the listener can
     * make the whole burst durable at once (one fsync instead of one per sample, which would cap a
     * source's thread at the disk's fsync rate). By default, one at a time.
     */
    default void onSamples(List<TagSample> samples) {
        for (TagSample sample : samples) {
            onSample(sample);
        }
    }

    /** The source's link changed: for status output, metrics and logs. */
    void onConnection(String sourceId, ConnectionState state, String detail);
}
