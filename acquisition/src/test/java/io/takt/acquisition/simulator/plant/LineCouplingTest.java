package io.takt.acquisition.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A fault on the middle machine of a tiny 1 × 3 line (Press1 → Trim1 → Gauge1) fills the buffer
 * before it and drains the one after it.
 */
class LineCouplingTest {

    private static final Instant START = Instant.parse("2025-01-06T08:00:00Z");
    private static final String PRESS = "Line1.Press1";
    private static final String TRIM = "Line1.Trim1";
    private static final String GAUGE = "Line1.Gauge1";

    private final Plant plant = new Plant(PlantSettings.builder()
            .seed(11).start(START).lines(1).machinesPerLine(3)
            .calendar(ShiftCalendar.none()).randomStops(false)
            .orderQuantity(1_000_000, 1_000_000)
            .bufferCapacity(8).waitBeforeSuspend(Duration.ofSeconds(5))
            .build());
    private final TagChangeRecorder recorder = TagChangeRecorder.on(plant);

    @Test
    void shouldStarveDownstreamAndBlockUpstreamOfAFaultedMachine() {
        // Given the line running: restart takes Resetting 2 s + Idle 1 s + Starting 3 s = 6 s
        plant.advanceTo(START.plusSeconds(60));
        assertThat(stateAndReason(PRESS)).containsExactly(6, 0);
        assertThat(stateAndReason(TRIM)).containsExactly(6, 0);
        assertThat(stateAndReason(GAUGE)).containsExactly(6, 0);

        // When Trim1 faults with a motor overload for 20 minutes
        plant.injectFault(TRIM, ReasonCode.MOTOR_OVERLOAD, Duration.ofMinutes(20));

        // Then within 10 minutes: Trim1 stops after its part in hand (≤ 6.3 s: cycles are 4.5–6 s
        // ± 5 %) and Holding (2 s), so it is Held (11) with reason 301; Press1 fills the 8-part
        // buffer in ≤ 9 cycles ≈ 57 s and after the 5 s debounce shows Suspended (5) blocked (202);
        // Gauge1 empties its 8-part buffer in ≤ 8 cycles ≈ 51 s and shows Suspended starved (201)
        plant.advanceTo(START.plus(Duration.ofMinutes(10)));
        assertThat(stateAndReason(TRIM)).containsExactly(11, 301);
        assertThat(stateAndReason(PRESS)).containsExactly(5, 202);
        assertThat(stateAndReason(GAUGE)).containsExactly(5, 201);
        // And both neighbours stopped only after Trim1 had
        Instant held = firstTime(TRIM, TagDefinition.STATE, 11);
        assertThat(firstTime(PRESS, TagDefinition.REASON_CODE, 202)).isAfter(held);
        assertThat(firstTime(GAUGE, TagDefinition.REASON_CODE, 201)).isAfter(held);

        // When the repair is done: held at ≤ 60 s + 8.3 s, repaired 20 min later, Unholding 2 s,
        // then Press1 gets room at once and Gauge1 a part within one Trim1 cycle (≤ 6.3 s)
        plant.advanceTo(START.plus(Duration.ofMinutes(22)));

        // Then all three execute again with no reason
        assertThat(stateAndReason(PRESS)).containsExactly(6, 0);
        assertThat(stateAndReason(TRIM)).containsExactly(6, 0);
        assertThat(stateAndReason(GAUGE)).containsExactly(6, 0);
    }

    @Test
    void shouldWalkThroughAbortedClearingAndRestartForASevereFault() {
        // Given the line running
        plant.advanceTo(START.plusSeconds(60));

        // When Trim1 hits its emergency stop, repaired in 15 minutes
        plant.injectFault(TRIM, ReasonCode.EMERGENCY_STOP, Duration.ofMinutes(15));
        plant.advanceTo(START.plus(Duration.ofMinutes(30)));

        // Then it went Aborting 8 → Aborted 9 → Clearing 1 → Stopped 2 → Resetting 15 → Idle 4
        // → Starting 3 → Execute 6, carrying reason 403 until the restart
        var states = recorder.of(TRIM, TagDefinition.STATE).stream()
                .filter(c -> !c.time().isBefore(START.plusSeconds(60))).map(c -> (Integer) c.value()).toList();
        assertThat(states).containsExactly(8, 9, 1, 2, 15, 4, 3, 6);
        assertThat(plant.tagValues(TRIM)).containsEntry(TagDefinition.REASON_CODE, 0);
    }

    private Object[] stateAndReason(String machineId) {
        var values = plant.tagValues(machineId);
        return new Object[] {values.get(TagDefinition.STATE), values.get(TagDefinition.REASON_CODE)};
    }

    private Instant firstTime(String machineId, String tag, int value) {
        return recorder.of(machineId, tag).stream().filter(c -> c.value().equals(value)).findFirst()
                .orElseThrow().time();
    }
}
