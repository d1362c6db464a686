package io.takt.oee.reconcile;

import java.time.ZoneId;

import io.takt.oee.calendar.CalendarSpan;
import io.takt.oee.calendar.ShiftCalendar;

/** What the batch needs from a shift calendar: its zone and the plan at an instant. */
public interface PlannedTime {

    /** The zone minute, hour and day windows are cut in. */
    ZoneId zone();

    /** The span of unchanged plan containing {@code epochMillis}. */
    CalendarSpan spanAt(long epochMillis);

    /** A shift calendar seen as planned time. */
    static PlannedTime of(ShiftCalendar calendar) {
        return new PlannedTime() {
            @Override
            public ZoneId zone() {
                return calendar.zone();
            }

            @Override
            public CalendarSpan spanAt(long epochMillis) {
                return calendar.spanAt(epochMillis);
            }
        };
    }
}
