package io.takt.oee.query;

import static io.takt.oee.query.PlantRecords.machine;
import static io.takt.oee.query.PlantRecords.stop;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.takt.oee.query.LossPareto.Loss;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;

class LossParetoTest {

    private static final EquipmentRef PRESS3 = machine("assembly", "line2", "press3");
    // 06:00 to 08:00: two hours
    private static final Period MORNING = new Period(Instant.parse("2026-11-25T06:00:00Z"),
            Instant.parse("2026-11-25T08:00:00Z"));

    @Test
    void shouldSumStopTimeClippedToThePeriodPerReason() {
        // Given stops inside, across the edges of, and outside 06:00-08:00
        LossPareto pareto = new LossPareto(MORNING);
        pareto.add(stop(PRESS3, MachineState.FAULT, "JAM", "2026-11-25T06:10:00Z", Duration.ofMinutes(20)));
        pareto.add(stop(PRESS3, MachineState.FAULT, "JAM", "2026-11-25T07:50:00Z", Duration.ofMinutes(30)));
        pareto.add(stop(PRESS3, MachineState.STARVED, null, "2026-11-25T05:50:00Z", Duration.ofMinutes(25)));
        pareto.add(stop(PRESS3, MachineState.SETUP, "CHANGEOVER", "2026-11-25T07:00:00Z", Duration.ofMinutes(15)));
        pareto.add(stop(PRESS3, MachineState.STARVED, null, "2026-11-25T05:00:00Z", Duration.ofMinutes(30)));
        pareto.add(stop(PRESS3, MachineState.FAULT, "JAM", "2026-11-25T08:00:00Z", Duration.ofMinutes(5)));

        // Then JAM = 20 min + (07:50-08:00 of 07:50-08:20) 10 min = 30 min = 1,800,000 ms in 2 stops;
        // STARVED (no reason: the state's name) = 06:00-06:15 of 05:50-06:15 = 15 min = 900,000 ms, 1 stop
        // (the 05:00-05:30 stop ends before the period); CHANGEOVER = 15 min = 900,000 ms, 1 stop;
        // the stop starting at 08:00 is outside [06:00, 08:00). Ties on time and stops go by name.
        assertThat(pareto.ranked()).containsExactly(
                new Loss("JAM", 1_800_000L, 2),
                new Loss("CHANGEOVER", 900_000L, 1),
                new Loss("STARVED", 900_000L, 1));
        // 1,800,000 + 900,000 + 900,000 = 3,600,000 ms over 2 + 1 + 1 = 4 stops
        assertThat(pareto.totalLostMillis()).isEqualTo(3_600_000L);
        assertThat(pareto.totalStops()).isEqualTo(4L);
    }

    @Test
    void shouldGiveSharesOfTheWholeTotalEvenWhenCutToTheTop() {
        // Given JAM 30 min, CHANGEOVER 15 min, STARVED 15 min (total 60 min)
        LossPareto pareto = new LossPareto(MORNING);
        pareto.add("JAM", 1_800_000L, 2);
        pareto.add("CHANGEOVER", 900_000L, 1);
        pareto.add("STARVED", 900_000L, 1);

        // When rendered with the top 2
        JsonNode json = pareto.toJson(2);

        // Then two rows; shares are 30/60 = 0.5 and 15/60 = 0.25 of all losses, not of the top two
        assertThat(json.get("losses")).hasSize(2);
        assertThat(json.at("/losses/0/reason").asText()).isEqualTo("JAM");
        assertThat(json.at("/losses/0/share").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/losses/1/reason").asText()).isEqualTo("CHANGEOVER");
        assertThat(json.at("/losses/1/share").asDouble()).isEqualTo(0.25);
        assertThat(json.get("totalLostMillis").asLong()).isEqualTo(3_600_000L);
        assertThat(json.get("totalStops").asLong()).isEqualTo(4L);
        assertThat(json.get("from").asText()).isEqualTo("2026-11-25T06:00:00Z");
    }

    @Test
    void shouldAddUpThePartsOfSeveralInstances() {
        // Given one instance's part with JAM 10 min (1 stop) and STARVED 5 min, another's with JAM 20 min (2 stops)
        LossPareto first = new LossPareto(MORNING);
        first.add("JAM", 600_000L, 1);
        first.add("STARVED", 300_000L, 1);
        LossPareto second = new LossPareto(MORNING);
        second.add("JAM", 1_200_000L, 2);

        // When their JSON parts are added up
        LossPareto whole = new LossPareto(MORNING);
        whole.addAll(first.toJson(Integer.MAX_VALUE));
        whole.addAll(second.toJson(Integer.MAX_VALUE));

        // Then JAM = 600,000 + 1,200,000 = 1,800,000 ms in 1 + 2 = 3 stops; STARVED as it was
        assertThat(whole.ranked()).containsExactly(
                new Loss("JAM", 1_800_000L, 3),
                new Loss("STARVED", 300_000L, 1));
    }

    @Test
    void shouldCountAZeroLengthStopInThePeriodWithNoTimeAndHaveNoSharesWithoutLoss() {
        // Given only a stop of length 0 at 07:00
        LossPareto pareto = new LossPareto(MORNING);
        pareto.add(stop(PRESS3, MachineState.FAULT, "E-STOP", "2026-11-25T07:00:00Z", Duration.ZERO));

        // When rendered
        JsonNode json = pareto.toJson(10);

        // Then it is one stop with 0 ms, and its share is null (0 of 0 is no share)
        assertThat(json.at("/losses/0/stops").asLong()).isEqualTo(1L);
        assertThat(json.at("/losses/0/lostMillis").asLong()).isZero();
        assertThat(json.at("/losses/0/share").isNull()).isTrue();
    }
}
