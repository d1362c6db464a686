package io.takt.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each timed record of a paced run was handed to the producer ({@link System#nanoTime()}), by
 * record number: the sender writes, the readers (a consumer, the SSE viewers) look up what they
 * receive. Records sent before {@code first} (the warm-up) or after the run are not timed.
 */
final class SendTimes {

    /** Not sent (yet), or not timed. */
    static final long NONE = 0;

    private final long first;
    private final AtomicLongArray nanos;

    SendTimes(long first, int count) {
        this.first = first;
        this.nanos = new AtomicLongArray(count);
    }

    void sent(long record, long sendNanos) {
        if (timed(record)) {
            // nanoTime may be 0 by chance; 1 ns later keeps NONE meaning "not sent"
            nanos.set((int) (record - first), sendNanos == NONE ? 1 : sendNanos);
        }
    }

    /** When {@code record} was sent, or {@link #NONE} if it is not a timed record or not yet sent. */
    long sentAt(long record) {
        return timed(record) ? nanos.get((int) (record - first)) : NONE;
    }

    private boolean timed(long record) {
        return record >= first && record - first < nanos.length();
    }
}
