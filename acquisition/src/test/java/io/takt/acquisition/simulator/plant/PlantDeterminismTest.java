package io.takt.acquisition.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantDeterminismTest {

    private static final Instant START = Instant.parse("2025-03-03T05:00:00Z");
    private static final Duration EIGHT_HOURS = Duration.ofHours(8);

    @Test
    void shouldPublishIdenticalEventsForTheSameSeedAndSettings() {
        // Given two plants built from the same settings
        PlantSettings settings = PlantSettings.builder().seed(42).start(START).build();

        // When each runs eight simulated hours
        List<TagChangeRecorder.Change> first = run(settings, EIGHT_HOURS, EIGHT_HOURS);
        List<TagChangeRecorder.Change> second = run(settings, EIGHT_HOURS, EIGHT_HOURS);

        // Then they published the same changes, and plenty of them: 12 machines finishing a part
        // every ~5 s for 8 h is up to 12 × 5,760 ≈ 69,000 counts; even running only a third of
        // the time (breaks, changeovers, faults, starved, blocked) that is over 20,000
        assertThat(first).hasSizeGreaterThan(20_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldPublishTheSameEventsWhetherAdvancedInOneStepOrInManySmallSteps() {
        // Given the same settings
        PlantSettings settings = PlantSettings.builder().seed(7).start(START).build();

        // When one plant jumps eight hours at once and another goes in 2,880 steps of 10 s
        List<TagChangeRecorder.Change> oneStep = run(settings, EIGHT_HOURS, EIGHT_HOURS);
        List<TagChangeRecorder.Change> smallSteps = run(settings, EIGHT_HOURS, Duration.ofSeconds(10));

        // Then how the plant was driven made no difference
        assertThat(smallSteps).isEqualTo(oneStep);
    }

    @Test
    void shouldPublishDifferentEventsForADifferentSeed() {
        // Given settings that differ only in the seed
        PlantSettings one = PlantSettings.builder().seed(1).start(START).build();
        PlantSettings other = one.toBuilder().seed(2).build();

        // When each runs eight hours
        List<TagChangeRecorder.Change> first = run(one, EIGHT_HOURS, EIGHT_HOURS);
        List<TagChangeRecorder.Change> second = run(other, EIGHT_HOURS, EIGHT_HOURS);

        // Then the runs differ
        assertThat(second).isNotEqualTo(first);
    }

    private static List<TagChangeRecorder.Change> run(PlantSettings settings, Duration total, Duration step) {
        Plant plant = new Plant(settings);
        TagChangeRecorder recorder = TagChangeRecorder.on(plant);
        Instant end = START.plus(total);
        while (plant.now().isBefore(end)) {
            Instant next = plant.now().plus(step);
            plant.advanceTo(next.isAfter(end) ? end : next);
        }
        return recorder.changes;
    }
}
