package io.takt.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;

class ShopFloorEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T13:30:00Z");
    private static final long T = T0.toEpochMilli();

    @Test
    void shouldRunEachMachineThroughCountsStopsAndRestartsInStep() {
        // Given two machines, one state change per count (so round(2 / 1) = 2 counts a run), 300 ms a step:
        // machine 0 starts at stop 0 (MINOR_STOP, 3 s) with 0 % 3 = 0 counts to go, machine 1 at stop 1
        // (STARVED, 8 s) with 1 % 3 = 1 count to go; machine 1 is 300 * 1 / 2 = 150 ms into each step.
        ShopFloorEvents plant = new ShopFloorEvents("site1", 2, 1.0, T0, 300);

        // When the first seven events are taken
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(describe(plant.next()));
        }

        // Then round 0: m0 stops at once (0 ms), m1 counts (150 ms); round 1: m0 is stopped, m1 stops
        // (300 + 150 = 450 ms); m0 restarts in the first round at or after 0 + 3000 ms (round 10 = 3000 ms),
        // counts twice (3300, 3600) and stops again with stop 1 (3900 ms); m1 is silent until
        // 450 + 8000 = 8450 ms, its first round at or after that being round 28 (8400 + 150 = 8550 ms).
        assertThat(events).containsExactly(
                "m00001 MINOR_STOP 0", "m00002 count 150", "m00002 STARVED 450",
                "m00001 RUNNING 3000", "m00001 count 3300", "m00001 count 3600", "m00001 STARVED 3900");
        assertThat(describe(plant.next())).isEqualTo("m00002 RUNNING 8550");
    }

    @Test
    void shouldGiveTheSameEventsForTheSameSettings() {
        // Given two plants with the same settings
        ShopFloorEvents first = new ShopFloorEvents("site1", 37, 0.1, T0, 300);
        ShopFloorEvents second = new ShopFloorEvents("site1", 37, 0.1, T0, 300);

        // When 10,000 events are taken from each, then they are equal one by one
        for (int i = 0; i < 10_000; i++) {
            assertThat(second.next().value()).isEqualTo(first.next().value());
        }
    }

    @Test
    void shouldKeepEachMachinesEventTimeRisingAndTheRatioOfStateChangesToCounts() {
        // Given 100 machines at 0.1 state changes per count: runs of round(2 / 0.1) = 20 counts between a
        // restart and a stop, so 2 state changes per 20 counts once every machine is past its first run
        ShopFloorEvents plant = new ShopFloorEvents("site1", 100, 0.1, T0, 300);
        Map<String, Long> lastTime = new HashMap<>();
        long states = 0;
        long counts = 0;

        // When 200,000 events are taken (about 90 cycles a machine)
        for (int i = 0; i < 200_000; i++) {
            ShopFloorEvents.ShopFloorEvent event = plant.next();
            Long before = lastTime.put(event.machineId(), event.sourceTime());
            // Then every machine's events are strictly later than its previous one
            assertThat(before == null || event.sourceTime() > before).as("event %d of %s", i, event.machineId())
                    .isTrue();
            if (event.value() instanceof MachineStateChanged) {
                states++;
            } else {
                assertThat(event.value()).isInstanceOf(ProductionCount.class);
                counts++;
            }
        }

        // And the ratio is 2 / 20 = 0.1, give or take the first, shorter runs (at most 100 machines x 20
        // counts in 180,000 counts, about 1%)
        assertThat((double) states / counts).isBetween(0.099, 0.102);
    }

    @Test
    void shouldPlaceMachinesTenALineAndTenLinesAnArea() {
        // Given machine index 123: line 123 / 10 = 12 (line013), area 12 / 10 + 1 = 2 (area02), name m00124
        assertThat(ShopFloorEvents.equipment("site1", 123).getId()).isEqualTo("site1.area02.line013.m00124");
        assertThat(ShopFloorEvents.equipment("site1", 0).getId()).isEqualTo("site1.area01.line001.m00001");
    }

    @Test
    void shouldTurnTheRatioIntoCountsPerRun() {
        // 2 state changes (stop, restart) per run: 2 / 0.1 = 20, 2 / 0.3 = 6.67 -> 7, 2 / 2 = 1
        assertThat(ShopFloorEvents.countsPerRun(0.1)).isEqualTo(20);
        assertThat(ShopFloorEvents.countsPerRun(0.3)).isEqualTo(7);
        assertThat(ShopFloorEvents.countsPerRun(2)).isEqualTo(1);
        assertThatThrownBy(() -> new ShopFloorEvents("site1", 1, 0, T0, 300))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String describe(ShopFloorEvents.ShopFloorEvent event) {
        String name = event.machineId().substring(event.machineId().lastIndexOf('.') + 1);
        String what = event.value() instanceof MachineStateChanged change ? change.getState().name() : "count";
        long at = event.sourceTime() - T;
        if (event.value() instanceof MachineStateChanged change) {
            assertThat(change.getSourceTimestamp().toEpochMilli()).isEqualTo(event.sourceTime());
            assertThat(change.getState() == MachineState.RUNNING || change.getReasonCode() != null).isTrue();
        }
        return name + " " + what + " " + at;
    }
}
