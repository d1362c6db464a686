package io.takt.acquisition.delivery;

/**
 * Where the gateway puts canonical events. {@link #append} returns only once the event is durable
 * (written ahead to the local disk buffer per the fsync policy), so acknowledging the source after
 * it loses nothing on a crash; delivery to Kafka happens behind it, in order per key.
 */
public interface EventOutbox {

    /** Stores the event durably for delivery; blocks (or applies the overflow policy) when the buffer is full. */
    void append(OutboundEvent event);

    /**
     * Runs {@code work} on this thread; the events it appends are written ahead in order as usual,
     * but become durable together: this returns once all of them are, with one group commit for
     * the lot instead of a wait per event. For a burst of samples acknowledged together (see
     * {@link io.takt.acquisition.source.TagListener#onSamples}). Inside it, {@link #append}
     * returns before its event is durable, so acknowledge the source only after this returns. If
     * {@code work} throws, some of its events may be stored. By default, each append is durable on
     * its own.
     */
    default void appendTogether(Runnable work) {
        work.run();
    }
}
