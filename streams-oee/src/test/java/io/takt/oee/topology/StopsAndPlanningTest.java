package io.takt.oee.topology;

import static io.takt.schemas.MachineState.FAULT;
import static io.takt.schemas.MachineState.IDLE;
import static io.takt.schemas.MachineState.MINOR_STOP;
import static io.takt.schemas.MachineState.PLANNED_STOP;
import static io.takt.schemas.MachineState.RUNNING;
import static io.takt.schemas.MachineState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;

/** Minor stops against failures, planned maintenance, no-data gaps and undefined ratios. */
class StopsAndPlanningTest {

    private static final long SECOND = 1000L;
    private static final long MINUTE = 60_000L;

    @Test
    void shouldCountAStopShorterThanTheThresholdAsMinorStopInRunTimeAndALongerOneAsFailure() {
        // Given the default threshold of 2 min and policy in-run-time
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            // When press 3 faults for 90 s at 06:10 and for 150 s at 06:30, and reports a MINOR_STOP of 30 s
            oee.state("press3", "06:00:00", RUNNING);
            oee.state("press3", "06:10:00", FAULT);
            oee.state("press3", "06:11:30", RUNNING);
            oee.state("press3", "06:30:00", FAULT);
            oee.state("press3", "06:32:30", RUNNING);
            oee.state("press3", "06:40:00", MINOR_STOP);
            oee.state("press3", "06:40:30", RUNNING);
            oee.state("press3", "07:10:00", IDLE);

            // Then the hour: 2 minor stops (90 s + 30 s = 120 s) kept in APT; one failure of 150 s in ADET
            OeeKpi hour = oee.finalWindow("press3", WindowKind.HOUR, "06:00:00");
            assertThat(hour.getMinorStopPolicy()).isEqualTo(MinorStopPolicy.IN_RUN_TIME);
            assertThat(hour.getMinorStopCount()).isEqualTo(2);
            assertThat(hour.getMinorStopTimeMillis()).isEqualTo(120 * SECOND);
            assertThat(hour.getFailureEvents()).isEqualTo(1);
            assertThat(hour.getActualUnitDelayTimeMillis()).isEqualTo(150 * SECOND);
            // APT = 3600 - 150 = 3450 s (the minor stops stay inside)
            assertThat(hour.getActualProductionTimeMillis()).isEqualTo(3450 * SECOND);
            // MTTR = 150 s / 1; MTBF = 3450 s / 1
            assertThat(hour.getMttrMillis()).isEqualTo(150.0 * SECOND);
            assertThat(hour.getMtbfMillis()).isEqualTo(3450.0 * SECOND);
        }
    }

    @Test
    void shouldPutMinorStopsIntoDelayTimeUnderTheStrictIsoPolicy() {
        // Given policy in-delay-time
        try (OeeDriver oee = new OeeDriver(Map.of("oee.minor-stop.policy", "in-delay-time"))) {
            // When press 3 faults for 90 s in an hour of running
            oee.state("press3", "06:00:00", RUNNING);
            oee.state("press3", "06:10:00", FAULT);
            oee.state("press3", "06:11:30", RUNNING);
            oee.state("press3", "07:10:00", IDLE);

            // Then the 90 s are ADET but no failure event; APT = 3600 - 90 = 3510 s; A = 3510 / 3600
            OeeKpi hour = oee.finalWindow("press3", WindowKind.HOUR, "06:00:00");
            assertThat(hour.getMinorStopPolicy()).isEqualTo(MinorStopPolicy.IN_DELAY_TIME);
            assertThat(hour.getActualUnitDelayTimeMillis()).isEqualTo(90 * SECOND);
            assertThat(hour.getMinorStopTimeMillis()).isEqualTo(90 * SECOND);
            assertThat(hour.getFailureEvents()).isZero();
            assertThat(hour.getMtbfMillis()).isNull();
            assertThat(hour.getActualProductionTimeMillis()).isEqualTo(3510 * SECOND);
            assertThat(hour.getAvailability()).isCloseTo(3510.0 / 3600.0, within(1e-12));
        }
    }

    @Test
    void shouldTakePlannedMaintenanceOutOfPlannedBusyTimeAndLeaveKpisUndefinedWhenNothingIsBusy() {
        // Given an early shift with planned maintenance 10:00-11:00
        try (OeeDriver oee = new OeeDriver(Map.of(
                "oee.calendar.shifts", "early=06:00-14:00",
                "oee.calendar.planned-stops", "PM press overhaul=2026-11-25T10:00/2026-11-25T11:00"))) {
            // When press 3 runs until 10:00, is stopped for maintenance, and runs again from 11:00
            oee.state("press3", "09:00:00", RUNNING);
            oee.state("press3", "10:00:00", PLANNED_STOP);
            oee.state("press3", "11:00:00", RUNNING);
            oee.state("press3", "12:10:00", IDLE);

            // Then hour 10: POT 60 min, all PDOT, PBT 0: A, P, OEE are undefined (null), never 0
            OeeKpi ten = oee.finalWindow("press3", WindowKind.HOUR, "10:00:00");
            assertThat(ten.getPlannedOperationTimeMillis()).isEqualTo(60 * MINUTE);
            assertThat(ten.getPlannedDownTimeMillis()).isEqualTo(60 * MINUTE);
            assertThat(ten.getPlannedBusyTimeMillis()).isZero();
            assertThat(ten.getAvailability()).isNull();
            assertThat(ten.getPerformance()).isNull();
            assertThat(ten.getQuality()).isNull();
            assertThat(ten.getOee()).isNull();
            assertThat(ten.getNee()).isNull();
            // and hour 11 is all planned busy and running: A = 1
            assertThat(oee.finalWindow("press3", WindowKind.HOUR, "11:00:00").getAvailability()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldAccountANoDataGapAsItsOwnBucketThatLowersAvailability() {
        // Given round-the-clock planning
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            // When press 3's gateway loses it 06:20-06:35 (UNKNOWN)
            oee.state("press3", "06:00:00", RUNNING);
            oee.state("press3", "06:20:00", UNKNOWN);
            oee.state("press3", "06:35:00", RUNNING);
            oee.state("press3", "07:10:00", IDLE);

            // Then 15 min no data, still in PBT: A = 45 / 60, and the record says there was a gap
            OeeKpi hour = oee.finalWindow("press3", WindowKind.HOUR, "06:00:00");
            assertThat(hour.getNoDataTimeMillis()).isEqualTo(15 * MINUTE);
            assertThat(hour.getPlannedBusyTimeMillis()).isEqualTo(60 * MINUTE);
            assertThat(hour.getAvailability()).isCloseTo(0.75, within(1e-12));
            assertThat(hour.getDataGap()).isTrue();
        }
    }

    @Test
    void shouldKeepPerformanceAboveOneAndFlagIt() {
        // Given a PRU of 2500 ms that is too long for press 3
        try (OeeDriver oee = new OeeDriver(Map.of("oee.ideal-cycle-times", OeeDriver.LINE + ".press3=2500ms"))) {
            // When press 3 runs minute 06:00 and makes 30 units
            oee.state("press3", "06:00:00", RUNNING);
            oee.count("press3", "06:00:30", 30, 0, 0);
            oee.state("press3", "06:10:00", IDLE);

            // Then P = 30 x 2500 / 60 000 = 1.25, kept, flagged, and counted in the metric
            OeeKpi minute = oee.finalWindow("press3", WindowKind.MINUTE, "06:00:00");
            assertThat(minute.getPerformance()).isCloseTo(1.25, within(1e-12));
            assertThat(minute.getPerformanceImplausible()).isTrue();
            assertThat(oee.meters.counter("takt.oee.performance.implausible").count()).isGreaterThanOrEqualTo(1.0);
        }
    }
}
