package io.takt.acquisition.source;

/**
 * One connection to shop-floor equipment (an OPC UA server, a PLC, an MQTT broker) delivering the
 * tags the tag map names. A source reconnects by itself, with backoff, for as long as it is open,
 * and reports every gap as {@link SampleQuality#NO_DATA} samples rather than skipping it.
 */
public interface TagSource extends AutoCloseable {

    /** The configured id, e.g. {@code opcua-line1}; unique in a gateway. */
    String id();

    /**
     * Starts acquiring into {@code listener} and returns at once: connecting happens in the
     * background, so an unreachable source does not stop the gateway from starting.
     */
    void start(TagListener listener);

    /** Connection state and counters now, for {@code takt acquire} and metrics. */
    SourceStatus status();

    /** Stops acquiring and disconnects; idempotent. */
    @Override
    void close();
}
