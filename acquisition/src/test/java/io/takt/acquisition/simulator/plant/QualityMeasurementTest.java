package io.takt.acquisition.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QualityMeasurementTest {

    @Test
    void shouldMeasureRejectedPartsOutsideTheLimitsAndGoodPartsInside() {
        // Given the default plant, whose Line1 ends with Gauge1 measuring Thickness 2.00 mm,
        // limits 1.95–2.05
        Instant start = Instant.parse("2025-03-03T05:00:00Z");
        Plant plant = new Plant(PlantSettings.builder().seed(4).start(start).build());
        TagChangeRecorder recorder = TagChangeRecorder.on(plant);

        // When it runs four hours
        plant.advance(Duration.ofHours(4));

        // Then each measurement is followed, at the same instant, by the part's count: a reject
        // when it is out of limits, a good part when within
        var changes = recorder.changes;
        int rejects = 0;
        for (int i = 0; i < changes.size(); i++) {
            var c = changes.get(i);
            if (!c.is("Line1.Gauge1", "Quality.Thickness")) {
                continue;
            }
            var counted = changes.get(i + 1);
            assertThat(counted.time()).isEqualTo(c.time());
            double value = (Double) c.value();
            boolean withinLimits = value >= 1.95 && value <= 2.05;
            assertThat(counted.tag()).as("count after %s", value)
                    .isEqualTo(withinLimits ? TagDefinition.GOOD_COUNT : TagDefinition.REJECT_COUNT);
            rejects += withinLimits ? 0 : 1;
        }
        // And rejects happened (0.5–3 % of ~2,700 parts in 4 h)
        assertThat(rejects).isPositive();
    }
}
