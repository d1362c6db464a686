package io.takt.acquisition.opcua;

import java.time.Duration;
import java.util.Objects;

/**
 * One monitored variable of an OPC UA source.
 *
 * @param nodeId           {@code ns=2;s=Line1.Press1.State} or, stable across server restarts that
 *                         reorder the namespace table, {@code nsu=urn:plant;s=Line1.Press1.State}
 * @param samplingInterval how often the server samples the value; zero asks for the fastest rate
 * @param queueSize        values the server keeps between publishes, so fast changes are not lost
 * @param deadband         absolute deadband for numeric values, or null to report every change
 */
public record OpcUaTag(String nodeId, Duration samplingInterval, int queueSize, Double deadband) {

    /** The sampling interval used when a tag names none. */
    public static final Duration DEFAULT_SAMPLING_INTERVAL = Duration.ofMillis(250);

    /** The queue size used when a tag names none: a state change between two publishes survives. */
    public static final int DEFAULT_QUEUE_SIZE = 10;

    public OpcUaTag {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(samplingInterval, "samplingInterval");
    }

    /** A tag with the default sampling interval and queue size and no deadband. */
    public static OpcUaTag of(String nodeId) {
        return new OpcUaTag(nodeId, DEFAULT_SAMPLING_INTERVAL, DEFAULT_QUEUE_SIZE, null);
    }
}
