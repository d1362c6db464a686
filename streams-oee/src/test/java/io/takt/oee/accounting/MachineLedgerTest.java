package io.takt.oee.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.takt.schemas.MachineState;

/** What a machine's ledger keeps for late events, and how its points make stays. */
class MachineLedgerTest {

    @Test
    void shouldKeepTheWholeStayHoldingTheHorizonAndForgetOlderStays() {
        // Given RUNNING at 0 and 10 (one stay, a reason update), FAULT at 20, RUNNING at 30
        MachineLedger ledger = new MachineLedger(null, 30, 0, List.of(
                new StatePoint(0, MachineState.RUNNING, "run", null),
                new StatePoint(10, MachineState.RUNNING, "run", "FAST"),
                new StatePoint(20, MachineState.FAULT, "fault", null),
                new StatePoint(30, MachineState.RUNNING, "run", null)), OrderBook.empty());

        // When points before horizon 15 are forgotten: the RUNNING stay [0, 20) holds 15, so it stays whole
        ledger.forgetBefore(15);
        assertThat(ledger.points()).extracting(StatePoint::at).containsExactly(0L, 10L, 20L, 30L);

        // When the horizon is 25: the FAULT stay [20, 30) holds it; the RUNNING stay before ended at 20
        ledger.forgetBefore(25);
        assertThat(ledger.points()).extracting(StatePoint::at).containsExactly(20L, 30L);

        // Then the stays are FAULT [20, 30) and the open RUNNING from 30
        assertThat(ledger.intervals()).containsExactly(
                new Interval(20, 30, MachineState.FAULT, "fault", null),
                new Interval(30, Interval.OPEN, MachineState.RUNNING, "run", null));
    }
}
