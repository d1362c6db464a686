package io.takt.dashboard.view;

import static io.takt.dashboard.testing.PlantRecords.confirmation;
import static io.takt.dashboard.testing.PlantRecords.liveMachine;
import static io.takt.dashboard.testing.PlantRecords.machine;
import static io.takt.dashboard.testing.PlantRecords.stateChange;
import static io.takt.dashboard.testing.PlantRecords.stop;
import static io.takt.dashboard.testing.PlantRecords.stopKey;
import static io.takt.dashboard.testing.PlantRecords.window;
import static io.takt.dashboard.testing.PlantRecords.workOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;
import io.takt.schemas.WorkOrderStatus;

class PlantViewTest {

    private static final Instant SHIFT = Instant.parse("2026-11-26T06:00:00Z");
    private static final Instant NOW = SHIFT.plus(Duration.ofHours(3));
    private static final EquipmentRef PRESS = machine("site1", "line1", "press1");
    private static final EquipmentRef WELD = machine("site1", "line1", "weld2");

    private final PlantView view = new PlantView("site1", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldRankDowntimeReasonsOfTheShiftLongestFirstWithCumulativeShare() {
        // Given both machines in the shift that began at 06:00, and five stops
        view.liveOee(liveMachine(PRESS, SHIFT, 0.8, 0.9, 0.95, 0.99));
        view.liveOee(liveMachine(WELD, SHIFT, 0.7, 0.8, 0.9, 0.97));
        stopAt(PRESS, MachineState.FAULT, "JAM", 10, 4);         // JAM 4 min
        stopAt(WELD, MachineState.FAULT, "JAM", 20, 2);          // JAM +2 min = 6 min in 2 stops
        stopAt(PRESS, MachineState.SETUP, "TOOL", 30, 5);        // TOOL 5 min
        stopAt(WELD, MachineState.STARVED, null, 40, 1);         // no reason (STARVED) 1 min
        stopAt(PRESS, MachineState.FAULT, "OLD", -30, 60);       // started before the shift: not counted

        // When
        List<ParetoBar> pareto = view.drainChanges().map(c -> bars(c)).orElseThrow();

        // Then JAM 6 min > TOOL 5 min > no reason 1 min; total 12 min: cumulative 6/12, 11/12, 12/12
        assertThat(pareto).extracting(ParetoBar::reason)
                .containsExactly("JAM", "TOOL", "no reason (STARVED)");
        assertThat(pareto).extracting(ParetoBar::durationMillis).containsExactly(360_000L, 300_000L, 60_000L);
        assertThat(pareto).extracting(ParetoBar::stops).containsExactly(2, 1, 1);
        assertThat(pareto.get(0).cumulativeShare()).isCloseTo(0.5, within(1e-12));
        assertThat(pareto.get(1).cumulativeShare()).isCloseTo(11.0 / 12, within(1e-12));
        assertThat(pareto.get(2).cumulativeShare()).isEqualTo(1.0);
    }

    @Test
    void shouldBreakParetoTiesByReasonSoTheOrderIsStable() {
        // Given two reasons of 3 min each
        stopAt(PRESS, MachineState.FAULT, "B-MOTOR", 10, 3);
        stopAt(PRESS, MachineState.FAULT, "A-SENSOR", 20, 3);
        // Then alphabetical within the tie
        assertThat(new StopLogProbe(view).pareto()).extracting(ParetoBar::reason).containsExactly("A-SENSOR", "B-MOTOR");
    }

    @Test
    void shouldListNewestFiftyStopsAndApplyEndsAndTombstones() {
        // Given 60 stops a minute apart, the first still open
        for (int minute = 0; minute < 60; minute++) {
            stopAt(PRESS, MachineState.FAULT, "R" + minute, minute, 0);
        }
        // When the stop at minute 59 ends after 90 s and the one at minute 58 is taken back (tombstone)
        Instant start59 = SHIFT.plus(Duration.ofMinutes(59));
        view.stop(stopKey(PRESS, start59), stop(PRESS, MachineState.FAULT, "R59", start59,
                start59.plusSeconds(90), Duration.ofSeconds(90)));
        view.stop(stopKey(PRESS, SHIFT.plus(Duration.ofMinutes(58))), null);

        // Then 50 listed, newest first: 59 (ended, 90 s), then 57 down to 9
        List<Stop> stops = new StopLogProbe(view).stops();
        assertThat(stops).hasSize(PlantView.LIST_LIMIT);
        assertThat(stops.get(0).reasonCode()).isEqualTo("R59");
        assertThat(stops.get(0).durationMillis()).isEqualTo(90_000L);
        assertThat(stops.get(0).end()).isEqualTo(start59.plusSeconds(90).toEpochMilli());
        assertThat(stops.get(1).reasonCode()).isEqualTo("R57");
        assertThat(stops.get(49).reasonCode()).isEqualTo("R9");
    }

    @Test
    void shouldCountTheLastOperationsGoodUnitsSummedOverItsMachines() {
        // Given order 1000 (400 planned): op 10 press made 300, op 20 on two welders 120 + 80
        List<io.takt.schemas.Confirmation> confirmed = List.of(
                confirmation("1000", PRESS.getId(), 10, 300, NOW),
                confirmation("1000", WELD.getId(), 20, 120, NOW),
                confirmation("1000", "site1.production.line1.weld3", 20, 80, NOW));
        // Then good = 120 + 80 = 200 (the press's 300 are still in process)
        assertThat(WorkOrderBook.goodQuantity(confirmed)).isEqualTo(200.0);
    }

    @Test
    void shouldTakeTheLargestMachineCountWhenNoOperationIsKnown() {
        // Given no routing operations: 300 at the press, 120 at the welder
        List<io.takt.schemas.Confirmation> confirmed = List.of(
                confirmation("1000", PRESS.getId(), null, 300, NOW),
                confirmation("1000", WELD.getId(), null, 120, NOW));
        // Then the furthest any unit got, without double counting: 300
        assertThat(WorkOrderBook.goodQuantity(confirmed)).isEqualTo(300.0);
        assertThat(WorkOrderBook.goodQuantity(List.of())).isEqualTo(0.0);
    }

    @Test
    void shouldShowOrdersInProgressFirstWithTheirProgress() {
        // Given a released order and one in progress, 150 of 400 good at its last operation
        view.workOrder("1001", workOrder("1001", "plate", 100, WorkOrderStatus.RELEASED, null, NOW));
        view.workOrder("1000", workOrder("1000", "bracket", 400, WorkOrderStatus.IN_PROGRESS, WELD.getId(),
                NOW.minusSeconds(60)));
        view.confirmation("1000/" + WELD.getId(), confirmation("1000", WELD.getId(), 20, 150, NOW));
        // And a confirmation taken back (tombstone) does not count
        view.confirmation("1000/x", confirmation("1000", "x", 30, 999, NOW));
        view.confirmation("1000/x", null);

        List<OrderProgress> orders = new StopLogProbe(view).orders();

        // Then 1000 first, 150 / 400 = 0.375; 1001 next with nothing made
        assertThat(orders).extracting(OrderProgress::workOrderId).containsExactly("1000", "1001");
        assertThat(orders.get(0).goodQuantity()).isEqualTo(150.0);
        assertThat(orders.get(0).progress()).isEqualTo(0.375);
        assertThat(orders.get(0).confirmations()).isEqualTo(1);
        assertThat(orders.get(1).progress()).isEqualTo(0.0);
    }

    @Test
    void shouldKeepTheMinuteTrendOfTheCurrentShiftOnlyAndBounded() {
        // Given minute windows from 05:50 (the previous shift) to 06:09, and an hour window
        for (int minute = -10; minute < 10; minute++) {
            view.oeeWindow(window(PRESS.getId(), EquipmentLevel.MACHINE, WindowKind.MINUTE,
                    SHIFT.plus(Duration.ofMinutes(minute)), Duration.ofMinutes(1), 0.5, WindowStatus.FINAL));
        }
        view.oeeWindow(window(PRESS.getId(), EquipmentLevel.MACHINE, WindowKind.HOUR, SHIFT, Duration.ofHours(1),
                0.1, WindowStatus.SO_FAR));
        // When the live record says the shift began at 06:00, and 06:09 is republished FINAL with 0.75
        view.liveOee(liveMachine(PRESS, SHIFT, 0.8, 0.9, 0.95, 0.99));
        view.oeeWindow(window(PRESS.getId(), EquipmentLevel.MACHINE, WindowKind.MINUTE,
                SHIFT.plus(Duration.ofMinutes(9)), Duration.ofMinutes(1), 0.75, WindowStatus.FINAL));

        // Then the 10 minutes 06:00..06:09, 06:09 once with 0.75, no hour window
        List<TrendPoint> trend = trend(view.snapshot());
        assertThat(trend).hasSize(10);
        assertThat(trend.get(0).start()).isEqualTo(SHIFT.toEpochMilli());
        assertThat(trend.get(9).oee()).isEqualTo(0.75);
    }

    @Test
    void shouldHoldAtMostEightHoursOfMinutePoints() {
        // Given a 24 h shift with 500 minute windows (MAX_POINTS is 480)
        OeeTrend trend = new OeeTrend();
        trend.shiftStartsAt(SHIFT.toEpochMilli());
        for (int minute = 0; minute < 500; minute++) {
            trend.put(SHIFT.plus(Duration.ofMinutes(minute)).toEpochMilli(), 0.5);
        }
        // Then the newest 480: minutes 20..499; an older window than those kept is refused
        assertThat(trend.points()).hasSize(480);
        assertThat(trend.points().get(0).start()).isEqualTo(SHIFT.plus(Duration.ofMinutes(20)).toEpochMilli());
        assertThat(trend.put(SHIFT.plus(Duration.ofMinutes(3)).toEpochMilli(), 0.9)).isFalse();
    }

    @Test
    void shouldDrainOnlyWhatChangedAndThenNothing() {
        // Given a snapshot's worth of state drained once
        view.liveOee(liveMachine(PRESS, SHIFT, 0.8, 0.9, 0.95, 0.99));
        view.liveOee(liveMachine(WELD, SHIFT, 0.7, 0.8, 0.9, 0.97));
        view.drainChanges();
        // When the press's OEE changes
        view.liveOee(liveMachine(PRESS, SHIFT, 0.8123, 0.9, 0.95, 0.99));
        Map<String, Object> changes = view.drainChanges().orElseThrow();

        // Then only the press, exactly as recorded, and no downtime or order section
        @SuppressWarnings("unchecked")
        Map<String, EquipmentOee> oee = (Map<String, EquipmentOee>) changes.get("oee");
        assertThat(oee).containsOnlyKeys(PRESS.getId());
        assertThat(oee.get(PRESS.getId()).oee()).isEqualTo(0.8123);
        assertThat(changes).doesNotContainKeys("downtime", "workOrders").containsEntry("updatedAt", NOW.toEpochMilli());
        assertThat(view.drainChanges()).isEmpty();
    }

    @Test
    void shouldKeepANullRatioNull() {
        // Given a machine with no planned busy time yet: no availability, no OEE
        view.liveOee(liveMachine(PRESS, SHIFT, null, null, null, null));
        @SuppressWarnings("unchecked")
        Map<String, EquipmentOee> oee = (Map<String, EquipmentOee>) view.snapshot().get("oee");
        assertThat(oee.get(PRESS.getId()).oee()).isNull();
        assertThat(oee.get(PRESS.getId()).availability()).isNull();
    }

    @Test
    void shouldIgnoreAStateChangeOlderThanTheMachinesCurrentOne() {
        // Given the press faulted at 06:10, then a redelivered change from 06:05 arrives
        view.machineState(stateChange(PRESS, MachineState.FAULT, "JAM", SHIFT.plusSeconds(600), 2));
        view.machineState(stateChange(PRESS, MachineState.RUNNING, null, SHIFT.plusSeconds(300), 1));
        @SuppressWarnings("unchecked")
        Map<String, MachineStatus> machines = (Map<String, MachineStatus>) view.snapshot().get("machines");
        // Then it is still in FAULT with reason JAM
        assertThat(machines.get(PRESS.getId()).state()).isEqualTo("FAULT");
        assertThat(machines.get(PRESS.getId()).reasonCode()).isEqualTo("JAM");
        assertThat(machines.get(PRESS.getId()).line()).isEqualTo("line1");
    }

    private void stopAt(EquipmentRef machine, MachineState state, String reason, int minuteOfShift, int minutes) {
        Instant start = SHIFT.plus(Duration.ofMinutes(minuteOfShift));
        view.stop(stopKey(machine, start), stop(machine, state, reason, start,
                minutes == 0 ? null : start.plus(Duration.ofMinutes(minutes)), Duration.ofMinutes(minutes)));
    }

    @SuppressWarnings("unchecked")
    private static List<ParetoBar> bars(Map<String, Object> changes) {
        return (List<ParetoBar>) ((Map<String, Object>) changes.get("downtime")).get("pareto");
    }

    @SuppressWarnings("unchecked")
    private static List<TrendPoint> trend(Map<String, Object> snapshot) {
        return ((Map<String, List<TrendPoint>>) snapshot.get("trends")).get(PRESS.getId());
    }

    /** Reads the sections of a snapshot as their types. */
    private record StopLogProbe(PlantView view) {
        @SuppressWarnings("unchecked")
        List<ParetoBar> pareto() {
            return (List<ParetoBar>) downtime().get("pareto");
        }

        @SuppressWarnings("unchecked")
        List<Stop> stops() {
            return (List<Stop>) downtime().get("stops");
        }

        @SuppressWarnings("unchecked")
        List<OrderProgress> orders() {
            return (List<OrderProgress>) ((Map<String, Object>) view.snapshot().get("workOrders")).get("orders");
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> downtime() {
            return (Map<String, Object>) view.snapshot().get("downtime");
        }
    }
}
