package io.takt.oee.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class CalendarBookTest {

    private final ShiftCalendar fallback = ShiftCalendar.roundTheClock(ZoneOffset.UTC);
    private final ShiftCalendar site = ShiftCalendar.roundTheClock(ZoneId.of("Europe/Berlin"));
    private final ShiftCalendar line = ShiftCalendar.roundTheClock(ZoneId.of("America/Chicago"));

    @Test
    void shouldUseTheDefaultWhenNeitherLineNorSiteHasACalendar() {
        // Given a book with no calendars
        CalendarBook book = new CalendarBook(fallback);

        // When/Then every line gets the default
        assertThat(book.forLine("site1", "assembly", "line2")).isSameAs(fallback);
        assertThat(book.fallback()).isSameAs(fallback);
    }

    @Test
    void shouldPreferTheLineOverItsSiteOverTheDefault() {
        // Given a site calendar for site1 and a line calendar for site1.assembly.line2
        CalendarBook book = new CalendarBook(fallback);
        book.put("site1", site);
        book.put("site1.assembly.line2", line);

        // When/Then the line uses its own, its sibling the site's, another site the default
        assertThat(book.forLine("site1", "assembly", "line2")).isSameAs(line);
        assertThat(book.forLine("site1", "assembly", "line3")).isSameAs(site);
        assertThat(book.forLine("site2", "assembly", "line2")).isSameAs(fallback);
    }

    @Test
    void shouldFallBackAgainWhenACalendarIsRemoved() {
        // Given line and site calendars
        CalendarBook book = new CalendarBook(fallback);
        book.put("site1", site);
        book.put("site1.assembly.line2", line);

        // When the line's is removed (a tombstone), then the site's
        book.put("site1.assembly.line2", null);
        ShiftCalendar afterLine = book.forLine("site1", "assembly", "line2");
        book.put("site1", null);
        ShiftCalendar afterSite = book.forLine("site1", "assembly", "line2");

        // Then the line falls back one step each time
        assertThat(afterLine).isSameAs(site);
        assertThat(afterSite).isSameAs(fallback);
    }
}
