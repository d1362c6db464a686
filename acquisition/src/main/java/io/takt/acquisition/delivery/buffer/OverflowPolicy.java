package io.takt.acquisition.delivery.buffer;

/** What an append does when the buffer has reached its size limit. */
public enum OverflowPolicy {

    /**
     * Deletes the oldest segment, with its undelivered events, to make room: the freshest data is
     * kept. Every dropped event is counted and logged.
     */
    DROP_OLDEST,

    /**
     * Blocks the appender until delivery frees room: nothing is dropped here, but the source is not
     * acknowledged meanwhile, so it is the source that must hold (or lose) its data.
     */
    BLOCK
}
