package io.takt.oee.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import io.takt.schemas.WindowKind;

/** Minute, hour and day windows cut at the local minute, hour and midnight of one zone. */
final class WindowGrid {

    private final ZoneId zone;

    WindowGrid(ZoneId zone) {
        this.zone = zone;
    }

    /** Start (inclusive) and end (exclusive) of the window of {@code kind} holding {@code t}. */
    long[] window(WindowKind kind, long t) {
        ZonedDateTime local = Instant.ofEpochMilli(t).atZone(zone);
        return switch (kind) {
            case MINUTE -> span(local.truncatedTo(ChronoUnit.MINUTES), 60_000L);
            case HOUR -> span(local.truncatedTo(ChronoUnit.HOURS), 3_600_000L);
            case DAY -> day(local.toLocalDate());
            default -> throw new IllegalArgumentException("not a clock window: " + kind);
        };
    }

    private static long[] span(ZonedDateTime start, long millis) {
        long from = start.toInstant().toEpochMilli();
        return new long[] {from, from + millis};
    }

    private long[] day(LocalDate date) {
        // Local midnights: a DST day is 23 or 25 hours long.
        return new long[] {millis(date.atStartOfDay(zone)), millis(date.plusDays(1).atStartOfDay(zone))};
    }

    private static long millis(ZonedDateTime time) {
        return time.toInstant().toEpochMilli();
    }
}
