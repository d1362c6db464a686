package io.takt.acquisition.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlantCountersTest {

    private static final Instant START = Instant.parse("2025-03-03T05:00:00Z");

    @Test
    void shouldCountUpByOneExceptAtRolloverOrAChangeoverReset() {
        // Given a plant whose Line1.Press1 has 16-bit counters and whose orders are short, so that
        // lines change over often (the second machine of each line resets its counters then)
        Plant plant = new Plant(PlantSettings.builder().seed(3).start(START).orderQuantity(300, 500).build());
        TagChangeRecorder recorder = TagChangeRecorder.on(plant);
        Map<String, Map<String, Object>> initial = new HashMap<>();
        plant.machines().forEach(m -> initial.put(m.id(), plant.tagValues(m.id())));

        // When it runs twelve hours
        plant.advance(Duration.ofHours(12));

        // Then every counter change is +1, or 65535 → 0 on the 16-bit machine, or a reset to 0
        // at the moment the machine enters change-over mode
        int rollovers = 0;
        int resets = 0;
        for (MachineDescription machine : plant.machines()) {
            for (String tag : List.of(TagDefinition.GOOD_COUNT, TagDefinition.REJECT_COUNT)) {
                long previous = (Long) initial.get(machine.id()).get(tag);
                for (TagChangeRecorder.Change change : recorder.of(machine.id(), tag)) {
                    long value = (Long) change.value();
                    if (value == previous + 1) {
                        previous = value;
                        continue;
                    }
                    if (value == 0 && previous == 65_535 && machine.id().equals("Line1.Press1")) {
                        rollovers++;
                    } else if (value == 0 && enteredChangeover(recorder, machine.id(), change.time())) {
                        resets++;
                    } else {
                        fail(machine.id() + "." + tag + " went from " + previous + " to " + value + " at "
                                + change.time());
                    }
                    previous = value;
                }
            }
        }
        // And both kinds of drop really happened, so the check above was not vacuous
        assertThat(rollovers).as("rollovers").isPositive();
        assertThat(resets).as("changeover resets").isPositive();
    }

    @Test
    void shouldWrapSixteenBitCounterAfter65535AndThirtyTwoBitCounterAfter4294967295() {
        // Given counters one below their maximum: 2^16 - 2 = 65534 and 2^32 - 2 = 4294967294
        PlcCounter sixteen = new PlcCounter(16, 65_534);
        PlcCounter thirtyTwo = new PlcCounter(32, 4_294_967_294L);

        // When each counts two parts
        // Then each reaches its maximum and wraps to 0
        assertThat(sixteen.increment()).isEqualTo(65_535);
        assertThat(sixteen.increment()).isZero();
        assertThat(thirtyTwo.increment()).isEqualTo(4_294_967_295L);
        assertThat(thirtyTwo.increment()).isZero();
    }

    private static boolean enteredChangeover(TagChangeRecorder recorder, String machineId, Instant time) {
        return recorder.of(machineId, TagDefinition.MODE).stream()
                .anyMatch(c -> c.time().equals(time) && c.value().equals(PackMlMode.CHANGEOVER.code()));
    }
}
