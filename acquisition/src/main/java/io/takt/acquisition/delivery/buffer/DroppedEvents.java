package io.takt.acquisition.delivery.buffer;

import java.time.Instant;
import java.util.Objects;

/**
 * Undelivered events the buffer gave up on at once, e.g. one dropped segment.
 *
 * @param reason    why
 * @param count     how many events
 * @param firstTime when the first event of the dropped range was appended (for a partly delivered
 *                  segment: the segment's first event, so the range may start a little early)
 * @param lastTime  when the last one was appended
 */
public record DroppedEvents(DropReason reason, long count, Instant firstTime, Instant lastTime) {

    public DroppedEvents {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstTime, "firstTime");
        Objects.requireNonNull(lastTime, "lastTime");
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, not " + count);
        }
    }
}
