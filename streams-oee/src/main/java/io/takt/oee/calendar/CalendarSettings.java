package io.takt.oee.calendar;

import java.time.ZoneOffset;

import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.TaktConfig;

/**
 * The default shift calendar from config ({@code oee.calendar.*}): used for every line that has no
 * calendar of its own (or of its site) on the shift-calendar topic.
 *
 * <p>STUB: keys come with the calendar work package.
 */
public final class CalendarSettings {

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder().build();

    private CalendarSettings() {
    }

    /** The default calendar a validated config describes. */
    public static ShiftCalendar calendar(TaktConfig config) {
        return ShiftCalendar.roundTheClock(ZoneOffset.UTC);
    }
}
