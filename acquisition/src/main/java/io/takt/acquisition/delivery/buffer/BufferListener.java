package io.takt.acquisition.delivery.buffer;

/** Told what the buffer does that an operator must know about; called on the buffer's lock, so keep it quick. */
@FunctionalInterface
public interface BufferListener {

    /** Undelivered events were dropped (overflow, expiry or corruption). */
    void onDropped(DroppedEvents dropped);

    /** Ignores everything; for tests that count nothing. */
    BufferListener NONE = dropped -> { };
}
