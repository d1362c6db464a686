package io.takt.acquisition.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.takt.acquisition.simulator.MachineUpdate.TagChange;
import org.junit.jupiter.api.Test;

/** How the Sparkplug face groups the plant's tag changes into DDATA messages. */
class MachineUpdateTest {

    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private static final Instant T1 = T0.plusMillis(1);

    @Test
    void shouldGroupATransitionsReasonModeAndStateIntoOneUpdateInThePlantsOrder() {
        // Given a fault: reason, mode and state of one machine at one instant
        List<TagChange> changes = List.of(
                new TagChange("Line1.Press1", "ReasonCode", 301, T0),
                new TagChange("Line1.Press1", "Mode", 1, T0),
                new TagChange("Line1.Press1", "State", 10, T0));

        // When
        List<MachineUpdate> updates = MachineUpdate.group(changes);

        // Then one update, keys in the order the plant wrote them (State last)
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).machineId()).isEqualTo("Line1.Press1");
        assertThat(updates.get(0).time()).isEqualTo(T0);
        assertThat(updates.get(0).tags()).containsExactly(
                Map.entry("ReasonCode", 301), Map.entry("Mode", 1),
                Map.entry("State", 10));
    }

    @Test
    void shouldStartANewUpdateForAnotherMachineOrAnotherInstant() {
        // Given Press1 counts a part, Trim1 counts one at the same instant, then Press1 again 1 ms later
        List<TagChange> changes = List.of(
                new TagChange("Line1.Press1", "GoodCount", 100L, T0),
                new TagChange("Line1.Trim1", "GoodCount", 50L, T0),
                new TagChange("Line1.Press1", "GoodCount", 101L, T1));

        // When
        List<MachineUpdate> updates = MachineUpdate.group(changes);

        // Then three updates, in order
        assertThat(updates).extracting(MachineUpdate::machineId)
                .containsExactly("Line1.Press1", "Line1.Trim1", "Line1.Press1");
        assertThat(updates).extracting(u -> u.tags().get("GoodCount")).containsExactly(100L, 50L, 101L);
    }

    @Test
    void shouldKeepBothValuesWhenATagChangesTwiceAtOneInstant() {
        // Given a counter reset to 0 and a part counted at the same instant
        List<TagChange> changes = List.of(
                new TagChange("Line1.Trim1", "GoodCount", 0L, T0),
                new TagChange("Line1.Trim1", "GoodCount", 1L, T0),
                new TagChange("Line1.Trim1", "RejectCount", 0L, T0));

        // When
        List<MachineUpdate> updates = MachineUpdate.group(changes);

        // Then the second value starts a second update, so the 0 is still published
        assertThat(updates).extracting(MachineUpdate::tags).containsExactly(
                Map.of("GoodCount", 0L), Map.of("GoodCount", 1L, "RejectCount", 0L));
    }

    @Test
    void shouldGroupNothingIntoNoUpdate() {
        assertThat(MachineUpdate.group(List.of())).isEmpty();
    }
}
