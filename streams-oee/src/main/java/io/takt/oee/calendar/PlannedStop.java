package io.takt.oee.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-off planned stop such as planned maintenance; planned down time where it falls inside a shift.
 *
 * @param start  inclusive
 * @param end    exclusive, after start
 * @param reason why, e.g. {@code PM-2026-48 press overhaul}; null when not given
 */
public record PlannedStop(Instant start, Instant end, String reason) {

    /** The reason spans carry when a planned stop gives none. */
    public static final String NO_REASON = "planned stop";

    public PlannedStop {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " is not after start " + start);
        }
        reason = reason == null || reason.isBlank() ? null : reason.trim();
    }

    /** The reason a span in this stop carries. */
    String spanReason() {
        return reason == null ? NO_REASON : reason;
    }
}
