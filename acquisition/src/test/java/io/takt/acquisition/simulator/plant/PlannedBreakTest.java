package io.takt.acquisition.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannedBreakTest {

    @Test
    void shouldStopEveryMachineForTheCalendarsBreakAndRestartAfterIt() {
        // Given a plant whose only break is 10:00–10:30 UTC, started at 09:50 without random stops
        ShiftCalendar calendar = ShiftCalendar.of(ZoneOffset.UTC,
                List.of(new ShiftCalendar.BreakWindow(LocalTime.of(10, 0), Duration.ofMinutes(30))));
        Instant start = Instant.parse("2025-03-03T09:50:00Z");
        Plant plant = new Plant(PlantSettings.builder().seed(5).start(start).calendar(calendar)
                .randomStops(false).build());

        // When the break is five minutes old (every machine finished its part in hand, ≤ 6.3 s,
        // then Stopping 2 s)
        plant.advanceTo(Instant.parse("2025-03-03T10:05:00Z"));

        // Then every machine is Stopped (2) with reason planned break (501)
        for (MachineDescription m : plant.machines()) {
            assertThat(plant.tagValues(m.id())).as(m.id())
                    .containsEntry(TagDefinition.STATE, 2).containsEntry(TagDefinition.REASON_CODE, 501);
        }

        // When the break has ended and the 6 s restart is over
        plant.advanceTo(Instant.parse("2025-03-03T10:30:30Z"));

        // Then no machine is stopped any more
        for (MachineDescription m : plant.machines()) {
            assertThat(plant.tagValues(m.id()).get(TagDefinition.STATE)).as(m.id()).isNotEqualTo(2);
        }
    }

    @Test
    void shouldStopForPlannedBreaksOnlyInsideCalendarBreaks() {
        // Given the three-shift calendar (six breaks a day) and random faults and micro-stops
        ShiftCalendar calendar = ShiftCalendar.threeShifts(ZoneOffset.UTC);
        Instant start = Instant.parse("2025-03-03T05:00:00Z");
        Plant plant = new Plant(PlantSettings.builder().seed(9).start(start).calendar(calendar).build());
        TagChangeRecorder recorder = TagChangeRecorder.on(plant);

        // When it runs a day
        plant.advance(Duration.ofHours(24));

        // Then every planned-break stop lies inside a calendar break
        List<TagChangeRecorder.Change> breakStops = recorder.changes.stream()
                .filter(c -> c.tag().equals(TagDefinition.STATE) && c.value().equals(2))
                .filter(c -> recorder.valueAt(c.machineId(), TagDefinition.REASON_CODE, c.time()).equals(501))
                .toList();
        assertThat(breakStops).allSatisfy(c -> assertThat(calendar.breakAt(c.time())).as(c.toString()).isPresent());
        // And nearly every machine stopped for nearly every break: 12 machines × 6 breaks = 72, less
        // the few still in a fault repair through a whole break
        assertThat(breakStops).hasSizeGreaterThan(60);
    }
}
