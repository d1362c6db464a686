package io.takt.oee.calendar;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A planned stop as config gives it: local date-times in the calendar's zone, which only the
 * {@code oee.calendar.time-zone} key turns into instants.
 *
 * @param from   local start, inclusive
 * @param to     local end, exclusive, after from
 * @param reason why; null when not given
 */
public record LocalPlannedStop(LocalDateTime from, LocalDateTime to, String reason) {

    public LocalPlannedStop {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("end " + to + " is not after start " + from);
        }
        reason = reason == null || reason.isBlank() ? null : reason.trim();
    }

    /** The stop at the instants its local times name in {@code zone} (a time in a DST gap moves forward). */
    public PlannedStop in(ZoneId zone) {
        return new PlannedStop(ZonedDateTime.of(from, zone).toInstant(), ZonedDateTime.of(to, zone).toInstant(),
                reason);
    }
}
