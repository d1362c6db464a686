package io.takt.oee.topology;

import static io.takt.schemas.MachineState.IDLE;
import static io.takt.schemas.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WorkOrderStatus;

/** Stays crossing shift boundaries, and counts of two products with their own ideal cycle times. */
class BoundaryAndProductTest {

    private static final long MINUTE = 60_000L;

    @Test
    void shouldSplitRunTimeAtShiftBoundary() {
        // Given early 06:00-14:00 and late 14:00-22:00
        try (OeeDriver oee = new OeeDriver(Map.of("oee.calendar.shifts", "early=06:00-14:00,late=14:00-22:00"))) {
            // When press 3 idles until 13:50, runs 13:50-14:20, then idles until 14:40
            oee.state("press3", "06:00:00", IDLE);
            oee.state("press3", "13:50:00", RUNNING);
            oee.state("press3", "14:20:00", IDLE);
            oee.state("press3", "14:40:00", RUNNING);
            // and its clock passes 23:00 + grace 5 min + threshold 2 min, so hour 22 is final too
            oee.count("press3", "23:30:00", 1, 0, 0);

            // Then the early shift holds 10 min of the run and the late shift 20 min
            OeeKpi early = oee.finalWindow("press3", WindowKind.SHIFT, "06:00:00");
            assertThat(early.getShiftId()).isEqualTo("2026-11-25/early");
            assertThat(early.getActualProductionTimeMillis()).isEqualTo(10 * MINUTE);
            // early: 06:00-13:50 idle = 470 min ADOT; PBT = 480 min
            assertThat(early.getActualUnitDownTimeMillis()).isEqualTo(470 * MINUTE);
            assertThat(early.getPlannedBusyTimeMillis()).isEqualTo(480 * MINUTE);
            OeeKpi late = oee.finalWindow("press3", WindowKind.SHIFT, "14:00:00");
            assertThat(late.getShiftId()).isEqualTo("2026-11-25/late");
            // late: run 14:00-14:20 (20) + 14:40-22:00 (440) = 460 min; idle 14:20-14:40 = 20 min
            assertThat(late.getActualProductionTimeMillis()).isEqualTo(460 * MINUTE);
            assertThat(late.getActualUnitDownTimeMillis()).isEqualTo(20 * MINUTE);
            // and the hours on each side of 14:00 split the same way
            assertThat(oee.finalWindow("press3", WindowKind.HOUR, "13:00:00").getActualProductionTimeMillis())
                    .isEqualTo(10 * MINUTE);
            assertThat(oee.finalWindow("press3", WindowKind.HOUR, "14:00:00").getActualProductionTimeMillis())
                    .isEqualTo(40 * MINUTE);
            // and 22:00-23:00 lies outside every shift: no planned time at all, though the press runs
            assertThat(oee.finalWindow("press3", WindowKind.HOUR, "22:00:00").getPlannedOperationTimeMillis())
                    .isZero();
        }
    }

    @Test
    void shouldSumIdealTimePerProductWhenTheOrderChangesMidHour() {
        // Given round-the-clock planning and two orders on press 3: WO-1 (product A, PRU 2000 ms) runs from
        // 06:00, WO-2 (product B, PRU 500 ms) takes over at 06:30
        try (OeeDriver oee = new OeeDriver(Map.of())) {
            oee.workOrder("WO-1", "press3", "A", WorkOrderStatus.IN_PROGRESS, "06:00:00", 2000);
            oee.state("press3", "06:00:00", RUNNING);
            oee.count("press3", "06:10:00", 600, 0, 0);
            oee.workOrder("WO-1", "press3", "A", WorkOrderStatus.COMPLETED, "06:30:00", 2000);
            oee.workOrder("WO-2", "press3", "B", WorkOrderStatus.IN_PROGRESS, "06:30:00", 500);
            // When 600 units of A come at 06:10 and 1200 of B at 06:40, all good, the machine running all hour
            oee.count("press3", "06:40:00", 1200, 0, 0);
            oee.count("press3", "07:10:00", 0, 0, 0);

            // Then the hour's ideal time is 600 x 2000 + 1200 x 500 = 1 200 000 + 600 000 = 1 800 000 ms
            OeeKpi hour = oee.finalWindow("press3", WindowKind.HOUR, "06:00:00");
            assertThat(hour.getIdealTimeProducedMillis()).isEqualTo(1_800_000.0);
            assertThat(hour.getIdealTimeGoodMillis()).isEqualTo(1_800_000.0);
            // P = 1 800 000 / 3 600 000 = 0.5 (not 1800 units x one PRU); A = 1; Q = 1; OEE = 0.5
            assertThat(hour.getPerformance()).isCloseTo(0.5, within(1e-12));
            assertThat(hour.getOee()).isCloseTo(0.5, within(1e-12));
            assertThat(hour.getProducedQuantity()).isEqualTo(1800);
        }
    }

    @Test
    void shouldUseTheMachinesConfiguredIdealCycleTimeWithoutAnOrderAndTheDefaultOtherwise() {
        // Given press 3 configured at 1500 ms per unit and the default at 1 s
        try (OeeDriver oee = new OeeDriver(Map.of("oee.ideal-cycle-times", OeeDriver.LINE + ".press3=1500ms"))) {
            // When both presses run 06:00-07:00 and make 1000 units each
            oee.state("press3", "06:00:00", RUNNING);
            oee.state("press4", "06:00:00", RUNNING);
            oee.count("press3", "06:30:00", 1000, 0, 0);
            oee.count("press4", "06:30:00", 1000, 0, 0);
            oee.count("press3", "07:10:00", 0, 0, 0);
            oee.count("press4", "07:10:00", 0, 0, 0);

            // Then press 3: 1000 x 1500 = 1 500 000 ms; press 4: 1000 x 1000 = 1 000 000 ms
            assertThat(oee.finalWindow("press3", WindowKind.HOUR, "06:00:00").getIdealTimeProducedMillis())
                    .isEqualTo(1_500_000.0);
            assertThat(oee.finalWindow("press4", WindowKind.HOUR, "06:00:00").getIdealTimeProducedMillis())
                    .isEqualTo(1_000_000.0);
        }
    }
}
