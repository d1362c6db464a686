package io.takt.oee.topology;

import static io.takt.schemas.MachineState.FAULT;
import static io.takt.schemas.MachineState.IDLE;
import static io.takt.schemas.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import io.takt.platform.deadletter.DeadLetterHeaders;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.QualityDisposition;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;

/** Late events inside and outside grace, quality corrections, and line roll-ups. */
class LateEventsAndRollupTest {

    private static final long MINUTE = 60_000L;

    @Test
    void shouldCorrectAndRepublishWindowsForALateEventWithinGrace() {
        // Given grace 5 min: press 3 runs from 10:00 and its counts move its clock to 10:10
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            oee.state("press3", "10:00:00", RUNNING);
            oee.count("press3", "10:10:00", 100, 0, 0);
            // minute 10:05 was published SO_FAR as all running when the clock passed 10:06
            OeeKpi before = oee.window(OeeDriver.machine("press3").getId(), WindowKind.MINUTE, "10:05:00",
                    WindowStatus.SO_FAR);
            assertThat(before.getActualProductionTimeMillis()).isEqualTo(MINUTE);

            // When a fault 10:05-10:08 arrives late (10:05 is exactly clock 10:10 - grace: still in time)
            oee.state("press3", "10:05:00", FAULT, "JAM");
            oee.state("press3", "10:08:00", RUNNING);

            // Then minute 10:05 is published again, corrected: a whole minute of fault
            OeeKpi corrected = oee.window(OeeDriver.machine("press3").getId(), WindowKind.MINUTE, "10:05:00",
                    WindowStatus.SO_FAR);
            assertThat(corrected.getActualUnitDelayTimeMillis()).isEqualTo(MINUTE);
            assertThat(corrected.getActualProductionTimeMillis()).isZero();
            // and once final, hour 10 holds 3 min of fault (one failure) and 57 min of running
            oee.count("press3", "11:10:00", 0, 0, 0);
            OeeKpi hour = oee.finalWindow("press3", WindowKind.HOUR, "10:00:00");
            assertThat(hour.getActualUnitDelayTimeMillis()).isEqualTo(3 * MINUTE);
            assertThat(hour.getFailureEvents()).isEqualTo(1);
            assertThat(hour.getActualProductionTimeMillis()).isEqualTo(57 * MINUTE);
            assertThat(hour.getGoodQuantity()).isEqualTo(100);
            // and the stop was published with its start, end and reason
            assertThat(oee.stops()).extracting(TestRecord::getValue).filteredOn(stop -> stop != null
                    && stop.getEnd() != null).singleElement().satisfies(stop -> {
                        assertThat(stop.getStart()).isEqualTo(OeeDriver.at("10:05:00"));
                        assertThat(stop.getEnd()).isEqualTo(OeeDriver.at("10:08:00"));
                        assertThat(stop.getDurationMillis()).isEqualTo(3 * MINUTE);
                        assertThat(stop.getReasonCode()).isEqualTo("JAM");
                        assertThat(stop.getMinorStop()).isFalse();
                    });
        }
    }

    @Test
    void shouldSendAnEventOlderThanGraceToTheDeadLetterTopicAndLeaveTheWindowsAlone() {
        // Given press 3 running from 10:00 with its clock at 10:10
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            oee.state("press3", "10:00:00", RUNNING);
            oee.count("press3", "10:10:00", 100, 0, 0);

            // When a count for 10:04:59 arrives: 5 min 1 s behind the clock, past the 5 min grace
            oee.count("press3", "10:04:59", 50, 0, 0);

            // Then it is a dead letter with the reason and where it came from
            List<TestRecord<byte[], byte[]>> letters = oee.deadLetters();
            assertThat(letters).hasSize(1);
            TestRecord<byte[], byte[]> letter = letters.get(0);
            assertThat(OeeDriver.header(letter, DeadLetterHeaders.REASON)).isEqualTo("late-event");
            assertThat(OeeDriver.header(letter, DeadLetterHeaders.TOPIC))
                    .isEqualTo("takt.site1.production-count.v1");
            assertThat(OeeDriver.header(letter, DeadLetterHeaders.MESSAGE)).contains("more than the grace");
            assertThat(new String(letter.key(), StandardCharsets.UTF_8))
                    .isEqualTo(OeeDriver.machine("press3").getId());
            // and the hour counts only the 100 units in time
            oee.count("press3", "11:10:00", 0, 0, 0);
            assertThat(oee.finalWindow("press3", WindowKind.HOUR, "10:00:00").getGoodQuantity()).isEqualTo(100);
            // and the dead letter was counted
            assertThat(oee.meters.get("takt.dead.letters").tag("reason", "late-event").counter().count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void shouldMoveFailedUnitsFromGoodToScrapOrRework() {
        // Given press 3 made 1000 good units at 10:10 with PRU 1 s
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            oee.state("press3", "10:00:00", RUNNING);
            oee.count("press3", "10:10:00", 1000, 0, 0);
            // When inspection fails 30 units to scrap, 20 to rework and 5 used as is
            oee.failedInspection("press3", "10:20:00", 30, QualityDisposition.SCRAP);
            oee.failedInspection("press3", "10:21:00", 20, QualityDisposition.REWORK);
            oee.failedInspection("press3", "10:22:00", 5, QualityDisposition.USE_AS_IS);
            oee.count("press3", "11:10:00", 0, 0, 0);

            // Then GQ = 1000 - 30 - 20 = 950, SQ = 30, RQ = 20, PQ stays 1000
            OeeKpi hour = oee.finalWindow("press3", WindowKind.HOUR, "10:00:00");
            assertThat(hour.getGoodQuantity()).isEqualTo(950);
            assertThat(hour.getScrapQuantity()).isEqualTo(30);
            assertThat(hour.getReworkQuantity()).isEqualTo(20);
            assertThat(hour.getProducedQuantity()).isEqualTo(1000);
            // ideal time of good units 950 x 1000 ms; Q = 950 / 1000
            assertThat(hour.getIdealTimeGoodMillis()).isEqualTo(950_000.0);
            assertThat(hour.getQuality()).isCloseTo(0.95, within(1e-12));
        }
    }

    @Test
    void shouldRollALineUpBySummingElementsNotAveragingPercentages() {
        // Given PRU 1 s on both presses of line 2
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            // When press 3 runs all hour 06 and makes 3000 units (OEE 3 000 000 / 3 600 000 = 0.8333),
            // and press 4 runs only 06:00-06:15 making 300 units (OEE 300 000 / 3 600 000 = 0.0833)
            oee.state("press3", "06:00:00", RUNNING);
            oee.state("press4", "06:00:00", RUNNING);
            oee.count("press3", "06:30:00", 3000, 0, 0);
            oee.count("press4", "06:10:00", 300, 0, 0);
            oee.state("press4", "06:15:00", IDLE);
            oee.count("press3", "07:10:00", 0, 0, 0);
            oee.count("press4", "07:10:00", 0, 0, 0);

            // Then line 2's hour adds the elements: PBT 2 x 60 min; APT 60 + 15 = 75 min; ideal good 3 300 000
            OeeKpi line = oee.window(OeeDriver.LINE, WindowKind.HOUR, "06:00:00", WindowStatus.FINAL);
            assertThat(line.getLevel()).isEqualTo(EquipmentLevel.LINE);
            assertThat(line.getMembers()).isEqualTo(2);
            assertThat(line.getPlannedBusyTimeMillis()).isEqualTo(120 * MINUTE);
            assertThat(line.getActualProductionTimeMillis()).isEqualTo(75 * MINUTE);
            assertThat(line.getIdealTimeGoodMillis()).isEqualTo(3_300_000.0);
            // OEE = 3 300 000 / 7 200 000 = 0.458333; A = 75 / 120 = 0.625; P = 3 300 000 / 4 500 000
            assertThat(line.getOee()).isCloseTo(3_300_000.0 / 7_200_000.0, within(1e-12));
            assertThat(line.getAvailability()).isCloseTo(0.625, within(1e-12));
            assertThat(line.getPerformance()).isCloseTo(3_300_000.0 / 4_500_000.0, within(1e-12));
            // equal to Σ elements / Σ PBT of the members, not their average OEE ((0.8333 + 0.0833) / 2 = 0.4583
            // happens to be close here only because PBTs are equal, so check an unequal case too: the area)
            OeeKpi press3 = oee.finalWindow("press3", WindowKind.HOUR, "06:00:00");
            OeeKpi press4 = oee.finalWindow("press4", WindowKind.HOUR, "06:00:00");
            assertThat(line.getOee()).isCloseTo((press3.getIdealTimeGoodMillis() + press4.getIdealTimeGoodMillis())
                    / (press3.getPlannedBusyTimeMillis() + press4.getPlannedBusyTimeMillis()), within(1e-12));
            // and the area and site roll up the same machines
            assertThat(oee.window("site1.assembly", WindowKind.HOUR, "06:00:00", WindowStatus.FINAL).getOee())
                    .isCloseTo(line.getOee(), within(1e-12));
            assertThat(oee.window("site1", WindowKind.HOUR, "06:00:00", WindowStatus.FINAL).getLevel())
                    .isEqualTo(EquipmentLevel.SITE);
        }
    }

    @Test
    void shouldWeighMembersByTheirPlannedBusyTimeInARollUp() {
        // Given press 3 planned all day, press 4's line... both on line 2, but press 4 idle for half the
        // hour under a planned stop state (PDOT), so its PBT is 30 min
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            oee.state("press3", "06:00:00", RUNNING);
            oee.count("press3", "06:30:00", 1800, 0, 0);
            oee.state("press4", "06:00:00", io.takt.schemas.MachineState.PLANNED_STOP);
            oee.state("press4", "06:30:00", RUNNING);
            oee.count("press4", "06:45:00", 1800, 0, 0);
            oee.count("press3", "07:10:00", 0, 0, 0);
            oee.count("press4", "07:10:00", 0, 0, 0);

            // Then press 3: OEE = 1 800 000 / 3 600 000 = 0.5; press 4: 1 800 000 / 1 800 000 = 1.0;
            // the average would be 0.75 but the line is 3 600 000 / 5 400 000 = 0.6667
            OeeKpi line = oee.window(OeeDriver.LINE, WindowKind.HOUR, "06:00:00", WindowStatus.FINAL);
            assertThat(line.getOee()).isCloseTo(3_600_000.0 / 5_400_000.0, within(1e-12));
            assertThat(line.getPlannedBusyTimeMillis()).isEqualTo(90 * MINUTE);
            assertThat(line.getPlannedDownTimeMillis()).isEqualTo(30 * MINUTE);
        }
    }

    @Test
    void shouldSendCorruptBytesToTheDeadLetterTopicAndKeepGoing() {
        // Given a running topology
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            // When corrupt bytes arrive on machine-state, then a valid event
            oee.rawState(OeeDriver.machine("press3").getId(), "not avro".getBytes(StandardCharsets.UTF_8));
            oee.state("press3", "06:00:00", RUNNING);

            // Then the bytes are a dead letter for deserialization, and the valid event was processed
            List<TestRecord<byte[], byte[]>> letters = oee.deadLetters();
            assertThat(letters).hasSize(1);
            assertThat(OeeDriver.header(letters.get(0), DeadLetterHeaders.REASON)).isEqualTo("deserialization");
            assertThat(letters.get(0).value()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
            assertThat(oee.live()).last().satisfies(live ->
                    assertThat(live.getCurrentState()).isEqualTo(RUNNING));
        }
    }

    @Test
    void shouldRefuseAnEventFromAClockFarAheadAndAnImpossibleCount() {
        // Given press 3 running at 10:00 on 2026-11-25
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            oee.state("press3", "10:00:00", RUNNING);

            // When its PLC clock jumps 32 days ahead (more than oee.max-clock-jump 31 d), and a count is negative
            oee.countAt("press3", java.time.Instant.parse("2026-12-27T10:00:00Z"), 1);
            oee.count("press3", "10:01:00", -5, 0, 0);

            // Then both are dead letters for invalid-event, naming what is wrong, and the clock did not move
            List<TestRecord<byte[], byte[]>> letters = oee.deadLetters();
            assertThat(letters).extracting(letter -> OeeDriver.header(letter, DeadLetterHeaders.REASON))
                    .containsExactly("invalid-event", "invalid-event");
            assertThat(OeeDriver.header(letters.get(0), DeadLetterHeaders.MESSAGE)).contains("oee.max-clock-jump");
            assertThat(OeeDriver.header(letters.get(1), DeadLetterHeaders.MESSAGE)).contains("goodQuantity -5");
            oee.count("press3", "10:02:00", 7, 0, 0);
            oee.count("press3", "11:10:00", 0, 0, 0);
            assertThat(oee.finalWindow("press3", WindowKind.HOUR, "10:00:00").getGoodQuantity()).isEqualTo(7);
        }
    }

    @Test
    void shouldNameTheQualityTopicAndLotInTheDeadLetterOfALateQualityResult() {
        // Given press 3 with its clock at 10:10
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            oee.state("press3", "10:00:00", RUNNING);
            oee.count("press3", "10:10:00", 100, 0, 0);

            // When a failed inspection from 10:01 arrives (9 min behind, grace 5 min) via the re-key by machine
            oee.failedInspection("press3", "10:01:00", 3, QualityDisposition.SCRAP);

            // Then the dead letter points at the quality-result record as produced: topic, offset, lot key
            TestRecord<byte[], byte[]> letter = oee.deadLetters().get(0);
            assertThat(OeeDriver.header(letter, DeadLetterHeaders.REASON)).isEqualTo("late-event");
            assertThat(OeeDriver.header(letter, DeadLetterHeaders.TOPIC)).isEqualTo("takt.site1.quality-result.v1");
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("LOT-10:01:00");
        }
    }
}
