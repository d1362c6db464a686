package io.takt.oee.reconcile;

import static io.takt.oee.reconcile.PlantEvents.PRESS;
import static io.takt.oee.reconcile.PlantEvents.PRESS_4;
import static io.takt.oee.reconcile.PlantEvents.count;
import static io.takt.oee.reconcile.PlantEvents.fail;
import static io.takt.oee.reconcile.PlantEvents.ms;
import static io.takt.oee.reconcile.PlantEvents.order;
import static io.takt.oee.reconcile.PlantEvents.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.takt.oee.OeeStores;
import io.takt.oee.calendar.ShiftCalendar;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityDisposition;
import io.takt.schemas.QualityResult;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

class BatchOeeTest {

    private static final PlannedTime ROUND_THE_CLOCK = PlannedTime.of(ShiftCalendar.roundTheClock(ZoneOffset.UTC));

    private Map<String, OeeKpi> windows;

    @Test
    void shouldSplitRunTimeAtHourBoundary() {
        // Given press 3 running 10:50-11:10, then idle; its clock reaches 12:10
        recompute(ROUND_THE_CLOCK, MinorStopPolicy.IN_RUN_TIME,
                state("10:50", MachineState.RUNNING), state("11:10", MachineState.IDLE),
                state("12:10", MachineState.RUNNING));

        // Then hour 10 holds 10:50-11:00 of running: 10 min = 600 000 ms
        OeeKpi ten = window(PRESS, WindowKind.HOUR, "10:00");
        assertThat(ten.getStatus()).isEqualTo(WindowStatus.FINAL);
        assertThat(ten.getPlannedBusyTimeMillis()).isEqualTo(600_000L);
        assertThat(ten.getActualProductionTimeMillis()).isEqualTo(600_000L);
        assertThat(ten.getAvailability()).isEqualTo(1.0);
        // And hour 11 the other 10 min of running and 50 min idle: 600 000 + 3 000 000 = 3 600 000
        OeeKpi eleven = window(PRESS, WindowKind.HOUR, "11:00");
        assertThat(eleven.getActualProductionTimeMillis()).isEqualTo(600_000L);
        assertThat(eleven.getActualUnitDownTimeMillis()).isEqualTo(3_000_000L);
        assertThat(eleven.getPlannedBusyTimeMillis()).isEqualTo(3_600_000L);
        assertThat(eleven.getAvailability()).isCloseTo(600_000.0 / 3_600_000.0, within(1e-12));
        // And hour 11 is FINAL (12:00 + 5 min grace = 12:05 <= 12:10), hour 12 is not (13:05 > 12:10)
        assertThat(eleven.getStatus()).isEqualTo(WindowStatus.FINAL);
        assertThat(window(PRESS, WindowKind.HOUR, "12:00").getStatus()).isEqualTo(WindowStatus.SO_FAR);
        // And the minute 10:59 holds one minute of running
        assertThat(window(PRESS, WindowKind.MINUTE, "10:59").getActualProductionTimeMillis()).isEqualTo(60_000L);
        // And without a zero denominator there is no PQ: quality, performance of a window without units
        assertThat(ten.getQuality()).isNull();
        assertThat(ten.getPerformance()).isEqualTo(0.0);
    }

    @Test
    void shouldCountBreakAsPlannedDownWhateverTheMachineDoes() {
        // Given the early shift 06:00-14:00 with a break 09:00-09:15; press 3 runs from 08:50, idles
        // 09:30-10:00, runs again until its clock reaches 14:10; one count at 05:55, before the shift
        recompute(PlantEvents.earlyShiftWithBreak(), MinorStopPolicy.IN_RUN_TIME,
                count("05:55", 10, 0),
                state("08:50", MachineState.RUNNING), state("09:30", MachineState.IDLE),
                state("10:00", MachineState.RUNNING), state("14:10", MachineState.RUNNING));

        // Then the shift: running 08:50-09:00 (600 000) + 09:15-09:30 (900 000) + 10:00-14:00 (14 400 000)
        // = APT 15 900 000; idle 09:30-10:00 = ADOT 1 800 000; PBT = 17 700 000; the break PDOT 900 000;
        // POT 18 600 000 = 08:50-14:00 (5 h 10 min); 14:00-14:10 is outside the shift: in no element
        OeeKpi shift = window(PRESS, WindowKind.SHIFT, "06:00");
        assertThat(shift.getShiftId()).isEqualTo("2026-11-25/early");
        assertThat(shift.getWindowEnd().toEpochMilli()).isEqualTo(ms("14:00"));
        assertThat(shift.getStatus()).isEqualTo(WindowStatus.FINAL);
        assertThat(shift.getActualProductionTimeMillis()).isEqualTo(15_900_000L);
        assertThat(shift.getActualUnitDownTimeMillis()).isEqualTo(1_800_000L);
        assertThat(shift.getPlannedBusyTimeMillis()).isEqualTo(17_700_000L);
        assertThat(shift.getPlannedDownTimeMillis()).isEqualTo(900_000L);
        assertThat(shift.getPlannedOperationTimeMillis()).isEqualTo(18_600_000L);
        // And the count before the shift is in no SHIFT window, but in hour 5
        assertThat(shift.getProducedQuantity()).isZero();
        OeeKpi five = window(PRESS, WindowKind.HOUR, "05:00");
        assertThat(five.getProducedQuantity()).isEqualTo(10L);
        // And with PBT = 0 there, A and OEE are not defined (null), Q = 10/10 is
        assertThat(five.getAvailability()).isNull();
        assertThat(five.getOee()).isNull();
        assertThat(five.getQuality()).isEqualTo(1.0);
        // And hour 9: break 900 000 PDOT, running 09:15-09:30 900 000, idle 1 800 000: A = 0.9/2.7 = 1/3
        OeeKpi nine = window(PRESS, WindowKind.HOUR, "09:00");
        assertThat(nine.getPlannedDownTimeMillis()).isEqualTo(900_000L);
        assertThat(nine.getPlannedBusyTimeMillis()).isEqualTo(2_700_000L);
        assertThat(nine.getAvailability()).isCloseTo(1.0 / 3.0, within(1e-12));
        // And hour 14 (outside the shift) holds no time at all
        assertThat(window(PRESS, WindowKind.HOUR, "14:00").getPlannedOperationTimeMillis()).isZero();
    }

    @Test
    void shouldTellMinorStopFromFault() {
        // Given a 1 min fault (shorter than 2 min: minor stop) and a 5 min fault (a failure) in hour 10;
        // a count at 11:10 moves the clock past 11:05
        List<SpecificRecord> events = List.of(
                state("10:00", MachineState.RUNNING), state("10:10", MachineState.FAULT),
                state("10:11", MachineState.RUNNING), state("10:20", MachineState.FAULT),
                state("10:25", MachineState.RUNNING), state("10:40", MachineState.IDLE), count("11:10", 1, 0));

        // When minor stops stay in run time (the default)
        recompute(ROUND_THE_CLOCK, MinorStopPolicy.IN_RUN_TIME, events.toArray(SpecificRecord[]::new));

        // Then APT = 10 + 1 + 9 + 15 min = 2 100 000; ADET = the 5 min failure = 300 000; idle 20 min 1 200 000
        OeeKpi ten = window(PRESS, WindowKind.HOUR, "10:00");
        assertThat(ten.getStatus()).isEqualTo(WindowStatus.FINAL);
        assertThat(ten.getActualProductionTimeMillis()).isEqualTo(2_100_000L);
        assertThat(ten.getActualUnitDelayTimeMillis()).isEqualTo(300_000L);
        assertThat(ten.getActualUnitDownTimeMillis()).isEqualTo(1_200_000L);
        assertThat(ten.getMinorStopCount()).isEqualTo(1L);
        assertThat(ten.getMinorStopTimeMillis()).isEqualTo(60_000L);
        assertThat(ten.getFailureEvents()).isEqualTo(1L);
        assertThat(ten.getFaultTimeMillis()).isEqualTo(300_000L);
        // And MTBF = APT / FE = 2 100 000, MTTR = 300 000 / 1, TE = 2.1 / (2.1 + 0.3) = 0.875
        assertThat(ten.getMtbfMillis()).isEqualTo(2_100_000.0);
        assertThat(ten.getMttrMillis()).isEqualTo(300_000.0);
        assertThat(ten.getTechnicalEfficiency()).isCloseTo(0.875, within(1e-12));
        // And the failure counts once, in the minute holding its start; its later minutes carry only time
        assertThat(window(PRESS, WindowKind.MINUTE, "10:20").getFailureEvents()).isEqualTo(1L);
        assertThat(window(PRESS, WindowKind.MINUTE, "10:21").getFailureEvents()).isZero();
        assertThat(window(PRESS, WindowKind.MINUTE, "10:21").getFaultTimeMillis()).isEqualTo(60_000L);

        // When minor stops go to delay time instead
        recompute(ROUND_THE_CLOCK, MinorStopPolicy.IN_DELAY_TIME, events.toArray(SpecificRecord[]::new));

        // Then the minute moves from APT to ADET: 2 040 000 and 360 000; still reported on its own
        OeeKpi strict = window(PRESS, WindowKind.HOUR, "10:00");
        assertThat(strict.getActualProductionTimeMillis()).isEqualTo(2_040_000L);
        assertThat(strict.getActualUnitDelayTimeMillis()).isEqualTo(360_000L);
        assertThat(strict.getMinorStopTimeMillis()).isEqualTo(60_000L);
        assertThat(strict.getMinorStopPolicy()).isEqualTo(MinorStopPolicy.IN_DELAY_TIME);
    }

    @Test
    void shouldSumIdealTimePerProductWhenTheProductChanges() {
        // Given order WO-1 (product A, 500 ms) in progress from 09:00, order WO-2 (product B, 2 000 ms)
        // in progress from 10:30, so newer and running from then; press 3 runs 10:00 until its clock at 11:10
        recompute(ROUND_THE_CLOCK, MinorStopPolicy.IN_RUN_TIME,
                order("WO-1", "A", WorkOrderStatus.IN_PROGRESS, "09:00", 500.0),
                order("WO-2", "B", WorkOrderStatus.IN_PROGRESS, "10:30", 2000.0),
                state("10:00", MachineState.RUNNING),
                count("10:10", 100, 0),                                   // A by WO-1: 500 ms
                count("10:40", 30, 2),                                    // B by WO-2: 2 000 ms
                count(PRESS, "10:50", 10, 0, "A", "WO-1"),                // named: WO-1's A, 500 ms
                state("11:10", MachineState.RUNNING));

        // Then PQ = 100 + 32 + 10 = 142, GQ 140, SQ 2;
        // ideal produced = 100×500 + 32×2000 + 10×500 = 50 000 + 64 000 + 5 000 = 119 000;
        // ideal good = 50 000 + 30×2000 + 5 000 = 115 000; APT = PBT = 3 600 000
        OeeKpi ten = window(PRESS, WindowKind.HOUR, "10:00");
        assertThat(ten.getProducedQuantity()).isEqualTo(142L);
        assertThat(ten.getGoodQuantity()).isEqualTo(140L);
        assertThat(ten.getScrapQuantity()).isEqualTo(2L);
        assertThat(ten.getIdealTimeProducedMillis()).isEqualTo(119_000.0);
        assertThat(ten.getIdealTimeGoodMillis()).isEqualTo(115_000.0);
        assertThat(ten.getPerformance()).isCloseTo(119_000.0 / 3_600_000.0, within(1e-12));
        assertThat(ten.getOee()).isCloseTo(115_000.0 / 3_600_000.0, within(1e-12));
        assertThat(ten.getScrapRatio()).isCloseTo(2.0 / 142.0, within(1e-12));
    }

    @Test
    void shouldFallBackFromOrderToMachineToDefaultCycleTime() {
        // Given only order WO-1 with an entry for (press 3, A)
        BatchOee batch = new BatchOee(PlantEvents.rules(MinorStopPolicy.IN_RUN_TIME),
                new WorkOrderHistory(List.of(order("WO-1", "A", WorkOrderStatus.IN_PROGRESS, "09:00", 500.0))),
                ref -> ROUND_THE_CLOCK);

        // Then its entry; an unknown product on press 3: the 1 s default; press 4: its configured 1.5 s;
        // before the order's record existed (08:00) the order says nothing yet
        assertThat(batch.idealCycleTime(PRESS, "A", "WO-1", ms("10:00"))).isEqualTo(500.0);
        assertThat(batch.idealCycleTime(PRESS, "Z", "WO-1", ms("10:00"))).isEqualTo(1000.0);
        assertThat(batch.idealCycleTime(PRESS_4, "A", "WO-1", ms("10:00"))).isEqualTo(1500.0);
        assertThat(batch.idealCycleTime(PRESS, "A", "WO-1", ms("08:00"))).isEqualTo(1000.0);
    }

    @Test
    void shouldMoveFailedUnitsFromGoodToScrapOrRework() {
        // Given 50 good units at 10:05 (PRU 1 s), then FAILs found at a test station for press 3:
        // 3 units without disposition (scrap), 2 to rework, 5 used as is (no change)
        recompute(ROUND_THE_CLOCK, MinorStopPolicy.IN_RUN_TIME,
                state("10:00", MachineState.RUNNING), count("10:05", 50, 0),
                fail("10:20", 3, null), fail("10:30", 2, QualityDisposition.REWORK),
                fail("10:35", 5, QualityDisposition.USE_AS_IS), state("11:10", MachineState.RUNNING));

        // Then PQ stays 50; GQ = 50 - 3 - 2 = 45, SQ 3, RQ 2; ideal good = 45 × 1 000 = 45 000
        OeeKpi ten = window(PRESS, WindowKind.HOUR, "10:00");
        assertThat(ten.getProducedQuantity()).isEqualTo(50L);
        assertThat(ten.getGoodQuantity()).isEqualTo(45L);
        assertThat(ten.getScrapQuantity()).isEqualTo(3L);
        assertThat(ten.getReworkQuantity()).isEqualTo(2L);
        assertThat(ten.getIdealTimeProducedMillis()).isEqualTo(50_000.0);
        assertThat(ten.getIdealTimeGoodMillis()).isEqualTo(45_000.0);
        // And Q = 45/50 = 0.9, scrap ratio 3/50 = 0.06, rework ratio 2/50 = 0.04
        assertThat(ten.getQuality()).isCloseTo(0.9, within(1e-12));
        assertThat(ten.getScrapRatio()).isCloseTo(0.06, within(1e-12));
        assertThat(ten.getReworkRatio()).isCloseTo(0.04, within(1e-12));
        // And the test station itself gets no windows
        assertThat(windows.keySet()).noneMatch(k -> k.startsWith("site1.assembly.line2.gauge1|"));
    }

    @Test
    void shouldRollUpLineBySummingElementsNotAveragingOee() {
        // Given press 3 running the whole hour 10 with 1 800 units (PRU 1 s: 1 800 000 ideal),
        // press 4 running 10:00-10:30 then faulty, 600 units at its configured 1.5 s (900 000 ideal)
        recompute(ROUND_THE_CLOCK, MinorStopPolicy.IN_RUN_TIME,
                state("10:00", MachineState.RUNNING), count("10:30", 1800, 0), state("11:10", MachineState.RUNNING),
                state(PRESS_4, "10:00", MachineState.RUNNING), state(PRESS_4, "10:30", MachineState.FAULT),
                count(PRESS_4, "10:40", 600, 0, null, null), state(PRESS_4, "11:10", MachineState.RUNNING));

        // Then line OEE = (1 800 000 + 900 000) / (3 600 000 + 3 600 000) = 0.375, not (0.5 + 0.25) / 2
        OeeKpi line = window("site1.assembly.line2", WindowKind.HOUR, "10:00");
        assertThat(line.getMembers()).isEqualTo(2);
        assertThat(line.getStatus()).isEqualTo(WindowStatus.FINAL);
        assertThat(line.getPlannedBusyTimeMillis()).isEqualTo(7_200_000L);
        assertThat(line.getOee()).isCloseTo(0.375, within(1e-12));
        // And APT = 3 600 000 + 1 800 000: A = 5.4 / 7.2 = 0.75; one failure, on press 4
        assertThat(line.getAvailability()).isCloseTo(0.75, within(1e-12));
        assertThat(line.getFailureEvents()).isEqualTo(1L);
        assertThat(window("site1", WindowKind.HOUR, "10:00").getOee()).isCloseTo(0.375, within(1e-12));
    }

    private void recompute(PlannedTime plan, MinorStopPolicy policy, SpecificRecord... events) {
        List<MachineStateChanged> states = new ArrayList<>();
        List<ProductionCount> counts = new ArrayList<>();
        List<QualityResult> quality = new ArrayList<>();
        List<WorkOrder> orders = new ArrayList<>();
        for (SpecificRecord event : events) {
            if (event instanceof MachineStateChanged s) {
                states.add(s);
            } else if (event instanceof ProductionCount c) {
                counts.add(c);
            } else if (event instanceof QualityResult q) {
                quality.add(q);
            } else {
                orders.add((WorkOrder) event);
            }
        }
        BatchOee batch = new BatchOee(PlantEvents.rules(policy), new WorkOrderHistory(orders), ref -> plan);
        windows = batch.windows(MachineEvents.byMachine(states, counts, quality));
    }

    private OeeKpi window(String equipment, WindowKind kind, String start) {
        OeeKpi kpi = windows.get(OeeStores.kpiKey(equipment, kind, ms(start)));
        assertThat(kpi).as(equipment + " " + kind + " " + start).isNotNull();
        return kpi;
    }
}
