package io.takt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.OeeKpi;

class LiveOeePlantTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:40:00Z");

    @Test
    void shouldRollTwentyFiveMachinesUpIntoThreeLinesOneAreaAndTheSite() {
        // Given 25 machines, ten a line: lines of 10, 10 and 5 machines in area 1
        LiveOeePlant plant = new LiveOeePlant("site1", 25, NOW);

        // Then a round is 25 machines + 3 lines + 1 area + 1 site = 30 records, roll-ups after the machines
        assertThat(plant.size()).isEqualTo(30);
        assertThat(plant.rollups()).isEqualTo(5);
        OeeKpi line3 = plant.record(27, NOW.toEpochMilli());
        assertThat(line3.getEquipmentId()).isEqualTo("site1.area01.line003");
        assertThat(line3.getLevel()).isEqualTo(EquipmentLevel.LINE);
        assertThat(line3.getMembers()).isEqualTo(5);
        assertThat(line3.getEquipment()).isNull();
        OeeKpi site = plant.record(29, NOW.toEpochMilli());
        assertThat(site.getEquipmentId()).isEqualTo("site1");
        assertThat(site.getMembers()).isEqualTo(25);
    }

    @Test
    void shouldTellARecordsNumberBackFromItsEquipmentAndProducedQuantity() {
        // Given the plant of 25 machines (30 records a round)
        LiveOeePlant plant = new LiveOeePlant("site1", 25, NOW);

        // When record 30 x 7 + 27 (line 3 in round 7) is written
        OeeKpi kpi = plant.record(237, NOW.toEpochMilli());

        // Then it shows 5 machines x (1,000 + 7) units = 5,035 produced, which give 237 back
        assertThat(kpi.getProducedQuantity()).isEqualTo(5_035);
        assertThat(plant.key(237)).isEqualTo(kpi.getEquipmentId());
        assertThat(plant.recordNumber(kpi.getEquipmentId(), kpi.getMembers(), kpi.getProducedQuantity()))
                .isEqualTo(237);
        // And what is not one of its records gives -1
        assertThat(plant.recordNumber("site2", 1, 1_007)).isEqualTo(-1);
        assertThat(plant.recordNumber(kpi.getEquipmentId(), 5, 5_036)).isEqualTo(-1);
    }

    @Test
    void shouldPutTheRecordsInTheShiftRunningAtTheTimeWithConsistentRatios() {
        // Given the plant at 10:40 UTC, in the 06:00-14:00 shift
        LiveOeePlant plant = new LiveOeePlant("site1", 25, NOW);

        // When machine 1's record is stamped now
        OeeKpi kpi = plant.record(0, NOW.toEpochMilli());

        // Then its window is the shift so far, and OEE = A x P x Q with Q = good / produced (1,000 - 20 scrap)
        assertThat(kpi.getWindowStart()).isEqualTo(Instant.parse("2026-11-26T06:00:00Z"));
        assertThat(kpi.getWindowEnd()).isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));
        assertThat(kpi.getAccountedUntil()).isEqualTo(NOW);
        assertThat(kpi.getQuality()).isEqualTo(980 / 1000.0);
        assertThat(kpi.getOee()).isEqualTo(kpi.getAvailability() * kpi.getPerformance() * kpi.getQuality());
        // And at 23:00 the shift is the night one that began at 22:00
        assertThat(new LiveOeePlant("site1", 1, Instant.parse("2026-11-26T23:00:00Z")).record(0, 0).getWindowStart())
                .isEqualTo(Instant.parse("2026-11-26T22:00:00Z"));
        // And at 01:00 it began at 22:00 the day before
        assertThat(new LiveOeePlant("site1", 1, Instant.parse("2026-11-27T01:00:00Z")).record(0, 0).getWindowStart())
                .isEqualTo(Instant.parse("2026-11-26T22:00:00Z"));
    }
}
