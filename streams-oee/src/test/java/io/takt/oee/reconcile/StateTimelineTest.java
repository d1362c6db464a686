package io.takt.oee.reconcile;

import static io.takt.oee.reconcile.PlantEvents.ms;
import static io.takt.oee.reconcile.PlantEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.takt.schemas.MachineState;

class StateTimelineTest {

    @Test
    void shouldMergeSameStateAndLetTheLaterReadEventWinOnTheSameTimestamp() {
        // Given, in read order: RUNNING 10:00, FAULT 10:05, RUNNING 10:03 (out of order), RUNNING 10:05
        // (same time as the FAULT, read later: replaces it), IDLE 10:10
        List<StateInterval> intervals = StateTimeline.intervals(List.of(
                state("10:00", MachineState.RUNNING), state("10:05", MachineState.FAULT),
                state("10:03", MachineState.RUNNING), state("10:05", MachineState.RUNNING),
                state("10:10", MachineState.IDLE)), ms("10:30"));

        // Then one RUNNING interval 10:00-10:10 (the 10:03 and 10:05 events only repeat the state),
        // and the open IDLE interval up to the clock
        assertThat(intervals).containsExactly(
                new StateInterval(ms("10:00"), ms("10:10"), MachineState.RUNNING, false),
                new StateInterval(ms("10:10"), ms("10:30"), MachineState.IDLE, true));
    }
}
