package io.takt.acquisition.tagmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.takt.schemas.MachineState;

class StateMapTest {

    @ParameterizedTest(name = "PackML {0} ({1}) is {2}")
    @CsvSource({
            "0, Undefined, UNKNOWN",
            "1, Clearing, FAULT",
            "2, Stopped, IDLE",
            "3, Starting, IDLE",
            "4, Idle, IDLE",
            "5, Suspended, MINOR_STOP",
            "6, Execute, RUNNING",
            "7, Stopping, IDLE",
            "8, Aborting, FAULT",
            "9, Aborted, FAULT",
            "10, Holding, FAULT",
            "11, Held, FAULT",
            "12, Unholding, FAULT",
            "13, Suspending, MINOR_STOP",
            "14, Unsuspending, MINOR_STOP",
            "15, Resetting, IDLE",
            "16, Completing, RUNNING",
            "17, Complete, IDLE"})
    void shouldMapEveryPackMlStateByNumberAndByName(String number, String name, MachineState expected) {
        // Given the built-in PackML map
        StateMap packml = StateMap.named("packml").orElseThrow();

        // When a state is looked up by its ISA-TR88.00.02 number, its name, or its name in capitals
        // Then all three give the documented Takt state
        assertThat(packml.lookup(number)).contains(new StateTarget(expected, null));
        assertThat(packml.lookup(name)).contains(new StateTarget(expected, null));
        assertThat(packml.lookup(name.toUpperCase())).contains(new StateTarget(expected, null));
    }

    @Test
    void shouldLeaveNumbersOutsidePackMlUnmapped() {
        // Given the PackML map When 18 is looked up Then it is not a PackML state
        assertThat(StateMap.named("packml").orElseThrow().lookup("18")).isEmpty();
    }

    @Test
    void shouldMatchHexAndDecimalKeysOfAVendorMap() {
        // Given a vendor map keyed by hex code 0x12 (= 1 * 16 + 2 = 18) and by text E-STOP
        StateMap vendor = StateMap.of("explicit", Map.of(
                "0x12", new StateTarget(MachineState.FAULT, "OVERLOAD"),
                "E-STOP", new StateTarget(MachineState.FAULT, "ESTOP")));

        // When a register reads 18, or a text tag reads e-stop
        // Then both find their entry, reasons included
        assertThat(vendor.lookup("18")).contains(new StateTarget(MachineState.FAULT, "OVERLOAD"));
        assertThat(vendor.lookup("e-stop")).contains(new StateTarget(MachineState.FAULT, "ESTOP"));
    }
}
