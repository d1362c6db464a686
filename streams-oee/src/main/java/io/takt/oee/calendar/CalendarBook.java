package io.takt.oee.calendar;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calendars in force: one per scope (a site id, or a line path {@code site.area.line}), with
 * the configured default for scopes that have none. A line uses its own calendar, else its site's,
 * else the default. Updated at run time from the shift-calendar topic.
 */
public final class CalendarBook {

    private final ShiftCalendar fallback;
    private final Map<String, ShiftCalendar> byScope = new ConcurrentHashMap<>();

    public CalendarBook(ShiftCalendar fallback) {
        this.fallback = fallback;
    }

    /** Puts (or, with null, removes) the calendar of a scope. */
    public void put(String scope, ShiftCalendar calendar) {
        if (calendar == null) {
            byScope.remove(scope);
        } else {
            byScope.put(scope, calendar);
        }
    }

    /** The calendar of a line: its own, else its site's, else the default. */
    public ShiftCalendar forLine(String site, String area, String line) {
        ShiftCalendar own = byScope.get(site + "." + area + "." + line);
        if (own != null) {
            return own;
        }
        return byScope.getOrDefault(site, fallback);
    }

    /** The configured default. */
    public ShiftCalendar fallback() {
        return fallback;
    }
}
