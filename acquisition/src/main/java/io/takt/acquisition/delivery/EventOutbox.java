package io.takt.acquisition.delivery;

/**
 * Where the gateway puts canonical events. {@link #append} returns only once the event is durable
 * (written ahead to the local disk buffer per the fsync policy), so acknowledging the source after
 * it loses nothing on a crash; delivery to Kafka happens behind it, in order per key.
 */
public interface EventOutbox {

    /** Stores the event durably for delivery; blocks (or applies the overflow policy) when the buffer is full. */
    void append(OutboundEvent event);
}
