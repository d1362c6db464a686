package io.takt.acquisition.delivery.buffer;

import java.time.Instant;
import java.util.Optional;

/**
 * What the buffer holds.
 *
 * @param undeliveredEvents events not yet committed in Kafka
 * @param bytesOnDisk       size of all segment files, delivered events included until their segment
 *                          goes: what {@code buffer.max.bytes} bounds
 * @param segments          segment files
 * @param oldestUndelivered append time of the first event of the oldest segment holding undelivered
 *                          events: exact when delivery stopped at a segment boundary, otherwise a
 *                          little early
 * @param ackedPosition     every event before it is delivered
 * @param nextPosition      the position the next event gets
 */
public record BufferStats(long undeliveredEvents, long bytesOnDisk, int segments, Optional<Instant> oldestUndelivered,
                          long ackedPosition, long nextPosition) {
}
