package io.takt.acquisition.source;

/** Receives what a {@link TagSource} acquires. Called from the source's own threads; must not block long. */
public interface TagListener {

    /** A tag changed (or was sampled); returns once the sample is accepted (written ahead to disk). */
    void onSample(TagSample sample);

    /** The source's link changed: for status output, metrics and logs. */
    void onConnection(String sourceId, ConnectionState state, String detail);
}
