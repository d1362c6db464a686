package io.takt.oee.topology;

import static io.takt.schemas.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.DailyBreak;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ShiftCalendar;
import io.takt.schemas.ShiftPattern;
import io.takt.schemas.WindowKind;

/** A line's calendar published on the shift-calendar topic replaces the configured one. */
class CalendarTopicTest {

    private static final long MINUTE = 60_000L;

    @Test
    void shouldAccountALineByTheCalendarPublishedForIt() {
        // Given the configured calendar plans round the clock, and line 2 gets its own on the topic:
        // one shift 08:00-16:00 with a break 12:00-12:45
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            oee.calendar(ShiftCalendar.newBuilder().setScope(OeeDriver.LINE).setTimeZone("UTC")
                    .setShifts(List.of(ShiftPattern.newBuilder().setName("day").setLocalFrom("08:00")
                            .setLocalTo("16:00").build()))
                    .setBreaks(List.of(DailyBreak.newBuilder().setLocalFrom("12:00").setLocalTo("12:45").build()))
                    .setUpdatedAt(OeeDriver.at("05:00:00")).build());

            // When press 3 runs 07:00-17:00
            oee.state("press3", "07:00:00", RUNNING);
            oee.count("press3", "17:10:00", 0, 0, 0);

            // Then the shift is line 2's: POT 8 h = 480 min, PDOT 45 min, APT 435 min
            OeeKpi shift = oee.finalWindow("press3", WindowKind.SHIFT, "08:00:00");
            assertThat(shift.getShiftId()).isEqualTo("2026-11-25/day");
            assertThat(shift.getPlannedOperationTimeMillis()).isEqualTo(480 * MINUTE);
            assertThat(shift.getPlannedDownTimeMillis()).isEqualTo(45 * MINUTE);
            assertThat(shift.getActualProductionTimeMillis()).isEqualTo(435 * MINUTE);
            // and 07:00-08:00, before the shift, is planned for nothing
            assertThat(oee.finalWindow("press3", WindowKind.HOUR, "07:00:00").getPlannedOperationTimeMillis())
                    .isZero();
        }
    }
}
