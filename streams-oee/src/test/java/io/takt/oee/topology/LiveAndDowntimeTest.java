package io.takt.oee.topology;

import static io.takt.schemas.MachineState.FAULT;
import static io.takt.schemas.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;

/** The live shift-so-far record and the downtime records of stops. */
class LiveAndDowntimeTest {

    private static final long MINUTE = 60_000L;

    @Test
    void shouldPublishTheLiveRecordAtOnceOnAStateChangeAndMoveItWithTheWallClock() {
        // Given an early shift; the driver's wall clock starts at 06:00 UTC, like the events
        try (OeeDriver oee = new OeeDriver(Map.of("oee.calendar.shifts", "early=06:00-14:00"))) {
            // When press 3 starts running at 06:00 and faults at 06:10
            oee.state("press3", "06:00:00", RUNNING);
            oee.state("press3", "06:10:00", FAULT);

            // Then the live record came at once: shift so far up to 06:10, 10 min of running, now in FAULT
            OeeKpi live = oee.lastLive(OeeDriver.machine("press3").getId());
            assertThat(live.getWindowKind()).isEqualTo(WindowKind.SHIFT);
            assertThat(live.getAccountedUntil()).isEqualTo(OeeDriver.at("06:10:00"));
            assertThat(live.getActualProductionTimeMillis()).isEqualTo(10 * MINUTE);
            assertThat(live.getCurrentState()).isEqualTo(FAULT);
            assertThat(live.getCurrentStateSince()).isEqualTo(OeeDriver.at("06:10:00"));

            // When 3 s of wall-clock time pass without events (the live interval is 1 s)
            oee.advanceWallClock(Duration.ofSeconds(3));

            // Then a newer live record counts the fault on, up to the clock plus the 3 s; 3 s of fault is
            // (so far) shorter than the 2 min threshold, so it shows as a minor stop inside APT
            OeeKpi later = oee.lastLive(OeeDriver.machine("press3").getId());
            assertThat(later.getAccountedUntil()).isEqualTo(OeeDriver.at("06:10:03"));
            assertThat(later.getMinorStopTimeMillis()).isEqualTo(3000);
            assertThat(later.getActualProductionTimeMillis()).isEqualTo(10 * MINUTE + 3000);

            // When the fault has lasted 3 min of wall-clock time
            oee.advanceWallClock(Duration.ofSeconds(177));

            // Then it is a failure: 3 min in ADET, APT back to the 10 min of running
            OeeKpi failed = oee.lastLive(OeeDriver.machine("press3").getId());
            assertThat(failed.getAccountedUntil()).isEqualTo(OeeDriver.at("06:13:00"));
            assertThat(failed.getActualUnitDelayTimeMillis()).isEqualTo(3 * MINUTE);
            assertThat(failed.getActualProductionTimeMillis()).isEqualTo(10 * MINUTE);
            assertThat(failed.getFailureEvents()).isEqualTo(1);
            // and line 2's live record, an interval later, adds up its one machine: the fault from 06:10
            // up to the line's accountedUntil (at least the 3 min above) is ADET, the 10 min before APT
            oee.advanceWallClock(Duration.ofSeconds(1));
            OeeKpi line = oee.lastLive(OeeDriver.LINE);
            assertThat(line.getMembers()).isEqualTo(1);
            long faultSoFar = line.getAccountedUntil().toEpochMilli() - OeeDriver.at("06:10:00").toEpochMilli();
            assertThat(faultSoFar).isGreaterThanOrEqualTo(3 * MINUTE);
            assertThat(line.getActualUnitDelayTimeMillis()).isEqualTo(faultSoFar);
            assertThat(line.getActualProductionTimeMillis()).isEqualTo(10 * MINUTE);
        }
    }

    @Test
    void shouldPublishAStopWhenItStartsWhenItsReasonComesAndWhenItEnds() {
        // Given round-the-clock planning
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            // When press 3 faults at 06:10 without a reason, the operator enters TOOL_BREAK at 06:12,
            // and the press runs again at 06:20
            oee.state("press3", "06:00:00", RUNNING);
            oee.state("press3", "06:10:00", FAULT);
            oee.state("press3", "06:12:00", FAULT, "TOOL_BREAK");
            oee.state("press3", "06:20:00", RUNNING);

            // Then three versions of one stop, under one key: open, open with the reason, ended
            List<TestRecord<String, DowntimeEvent>> stops = oee.stops();
            assertThat(stops).extracting(TestRecord::getKey).containsOnly(OeeDriver.machine("press3").getId()
                    + "|" + String.format("%013d", OeeDriver.at("06:10:00").toEpochMilli()));
            assertThat(stops).extracting(stop -> stop.getValue().getReasonCode())
                    .containsExactly(null, "TOOL_BREAK", "TOOL_BREAK");
            DowntimeEvent ended = stops.get(2).getValue();
            assertThat(ended.getEnd()).isEqualTo(OeeDriver.at("06:20:00"));
            assertThat(ended.getDurationMillis()).isEqualTo(10 * MINUTE);
            assertThat(ended.getState()).isEqualTo(FAULT);
            assertThat(stops.get(0).getValue().getEnd()).isNull();
        }
    }
}
