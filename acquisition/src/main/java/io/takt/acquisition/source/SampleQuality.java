package io.takt.acquisition.source;

/** How far a sample's value can be trusted, in the terms OPC UA status codes and Sparkplug use. */
public enum SampleQuality {
    /** The value is what the equipment reports. */
    GOOD,
    /** The source delivered a value but doubts it (OPC UA Uncertain, a stale Sparkplug metric). */
    UNCERTAIN,
    /** The source says the value is wrong (OPC UA Bad, sensor failure); the tag map ignores it. */
    BAD,
    /**
     * Nothing is known from this sample's time on: connection lost, notifications lost, Sparkplug
     * node death. Becomes the {@code UNKNOWN} machine state, so the gap is never counted as running.
     */
    NO_DATA
}
