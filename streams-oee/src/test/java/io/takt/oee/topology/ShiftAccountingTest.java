package io.takt.oee.topology;

import static io.takt.schemas.MachineState.FAULT;
import static io.takt.schemas.MachineState.IDLE;
import static io.takt.schemas.MachineState.RUNNING;
import static io.takt.schemas.MachineState.SETUP;
import static io.takt.schemas.MachineState.STARVED;
import static io.takt.schemas.MachineState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;

/** A whole early shift of press 3, every figure worked out by hand. */
class ShiftAccountingTest {

    private static final long MINUTE = 60_000L;

    @Test
    void shouldAccountAFullShiftWithBreaksFaultSetupMinorStopStarvationAndNoData() {
        // Given an early shift 06:00-14:00 with breaks 09:00-09:15 and 12:00-12:30, PRU 2.5 s
        try (OeeDriver oee = new OeeDriver(Map.of(
                "oee.calendar.shifts", "early=06:00-14:00",
                "oee.calendar.breaks", "09:00-09:15,12:00-12:30",
                "oee.ideal-cycle-times", OeeDriver.LINE + ".press3=2500ms"))) {
            // When press 3 runs the shift (it keeps running through the breaks)
            oee.state("press3", "06:00:00", RUNNING);
            oee.count("press3", "06:30:00", 1000, 10, 0);
            oee.state("press3", "07:00:00", FAULT, "JAM");
            oee.state("press3", "07:20:00", RUNNING);
            oee.state("press3", "08:00:00", SETUP);
            oee.state("press3", "08:30:00", RUNNING);
            oee.state("press3", "10:00:00", FAULT);
            oee.state("press3", "10:01:00", RUNNING);
            oee.count("press3", "10:30:00", 5000, 0, 20);
            oee.state("press3", "11:00:00", STARVED);
            oee.state("press3", "11:10:00", RUNNING);
            oee.state("press3", "13:00:00", UNKNOWN);
            oee.state("press3", "13:05:00", RUNNING);
            oee.count("press3", "13:30:00", 2000, 0, 0);
            // and its clock passes the shift end + grace 5 min + minor-stop threshold 2 min = 14:07
            oee.state("press3", "14:10:00", IDLE);

            // Then the shift is FINAL with:
            OeeKpi shift = oee.finalWindow("press3", WindowKind.SHIFT, "06:00:00");
            assertThat(shift.getShiftId()).isEqualTo("2026-11-25/early");
            // POT = 8 h = 480 min; PDOT = breaks 15 + 30 = 45 min; PBT = 435 min
            assertThat(shift.getPlannedOperationTimeMillis()).isEqualTo(480 * MINUTE);
            assertThat(shift.getPlannedDownTimeMillis()).isEqualTo(45 * MINUTE);
            assertThat(shift.getPlannedBusyTimeMillis()).isEqualTo(435 * MINUTE);
            // ADET = the 20 min fault (one failure); ASUT = 30 min setup; ADOT = 10 min starved;
            // no data = 5 min; APT = 435 - 20 - 30 - 10 - 5 = 370 min, which holds the 1 min minor stop
            assertThat(shift.getActualUnitDelayTimeMillis()).isEqualTo(20 * MINUTE);
            assertThat(shift.getFailureEvents()).isEqualTo(1);
            assertThat(shift.getFaultTimeMillis()).isEqualTo(20 * MINUTE);
            assertThat(shift.getActualSetupTimeMillis()).isEqualTo(30 * MINUTE);
            assertThat(shift.getActualUnitDownTimeMillis()).isEqualTo(10 * MINUTE);
            assertThat(shift.getNoDataTimeMillis()).isEqualTo(5 * MINUTE);
            assertThat(shift.getDataGap()).isTrue();
            assertThat(shift.getActualProductionTimeMillis()).isEqualTo(370 * MINUTE);
            assertThat(shift.getMinorStopCount()).isEqualTo(1);
            assertThat(shift.getMinorStopTimeMillis()).isEqualTo(MINUTE);
            // PQ = 1010 + 5020 + 2000 = 8030; GQ = 8000; SQ = 10; RQ = 20
            assertThat(shift.getProducedQuantity()).isEqualTo(8030);
            assertThat(shift.getGoodQuantity()).isEqualTo(8000);
            assertThat(shift.getScrapQuantity()).isEqualTo(10);
            assertThat(shift.getReworkQuantity()).isEqualTo(20);
            // ideal time: 8030 x 2500 ms = 20 075 000 ms produced, 8000 x 2500 = 20 000 000 ms good
            assertThat(shift.getIdealTimeProducedMillis()).isEqualTo(20_075_000.0);
            assertThat(shift.getIdealTimeGoodMillis()).isEqualTo(20_000_000.0);
            // A = 370/435; P = 20 075 000 / 22 200 000; Q = 8000/8030; OEE = 20 000 000 / 26 100 000
            assertThat(shift.getAvailability()).isCloseTo(370.0 / 435.0, within(1e-12));
            assertThat(shift.getPerformance()).isCloseTo(20_075_000.0 / 22_200_000.0, within(1e-12));
            assertThat(shift.getQuality()).isCloseTo(8000.0 / 8030.0, within(1e-12));
            assertThat(shift.getOee()).isCloseTo(20_000_000.0 / 26_100_000.0, within(1e-12));
            assertThat(shift.getOee()).isCloseTo(shift.getAvailability() * shift.getPerformance()
                    * shift.getQuality(), within(1e-12));
            assertThat(shift.getPerformanceImplausible()).isFalse();
            // NEE = (APT + ASUT) / PBT x P x Q = 400/435 x P x Q; TE = 370 / (370 + 20); setup rate 30 / 400
            assertThat(shift.getNee()).isCloseTo(400.0 / 435.0 * (20_075_000.0 / 22_200_000.0) * (8000.0 / 8030.0),
                    within(1e-12));
            assertThat(shift.getTechnicalEfficiency()).isCloseTo(370.0 / 390.0, within(1e-12));
            assertThat(shift.getSetupRate()).isCloseTo(30.0 / 400.0, within(1e-12));
            assertThat(shift.getScrapRatio()).isCloseTo(10.0 / 8030.0, within(1e-12));
            assertThat(shift.getReworkRatio()).isCloseTo(20.0 / 8030.0, within(1e-12));
            // MTBF = APT / FE = 370 min; MTTR = 20 min / 1
            assertThat(shift.getMtbfMillis()).isEqualTo(370.0 * MINUTE);
            assertThat(shift.getMttrMillis()).isEqualTo(20.0 * MINUTE);
        }
    }

    @Test
    void shouldSplitTheHourOfTheFaultAndTheHourOfTheBreak() {
        // Given the same shift
        try (OeeDriver oee = new OeeDriver(Map.of(
                "oee.calendar.shifts", "early=06:00-14:00",
                "oee.calendar.breaks", "09:00-09:15"))) {
            // When press 3 faults 07:00-07:20 and runs through the 09:00 break
            oee.state("press3", "06:00:00", RUNNING);
            oee.state("press3", "07:00:00", FAULT);
            oee.state("press3", "07:20:00", RUNNING);
            oee.state("press3", "10:30:00", IDLE);

            // Then hour 07: 20 min ADET, 40 min APT, one failure
            OeeKpi seven = oee.finalWindow("press3", WindowKind.HOUR, "07:00:00");
            assertThat(seven.getActualUnitDelayTimeMillis()).isEqualTo(20 * MINUTE);
            assertThat(seven.getActualProductionTimeMillis()).isEqualTo(40 * MINUTE);
            assertThat(seven.getFailureEvents()).isEqualTo(1);
            // and hour 09: 15 min PDOT (the break), 45 min APT; POT 60 min
            OeeKpi nine = oee.finalWindow("press3", WindowKind.HOUR, "09:00:00");
            assertThat(nine.getPlannedDownTimeMillis()).isEqualTo(15 * MINUTE);
            assertThat(nine.getActualProductionTimeMillis()).isEqualTo(45 * MINUTE);
            assertThat(nine.getPlannedOperationTimeMillis()).isEqualTo(60 * MINUTE);
            // and minute 07:19 is all fault, minute 07:20 all running
            assertThat(oee.finalWindow("press3", WindowKind.MINUTE, "07:19:00").getActualUnitDelayTimeMillis())
                    .isEqualTo(MINUTE);
            assertThat(oee.finalWindow("press3", WindowKind.MINUTE, "07:20:00").getActualProductionTimeMillis())
                    .isEqualTo(MINUTE);
        }
    }
}
