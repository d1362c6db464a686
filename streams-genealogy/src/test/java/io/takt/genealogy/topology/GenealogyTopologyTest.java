package io.takt.genealogy.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.takt.genealogy.trace.LotTrace;
import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MaterialLot;

class GenealogyTopologyTest {

    private final GenealogyDriver plant = new GenealogyDriver();

    @AfterEach
    void close() {
        plant.close();
    }

    @Test
    void shouldTraceALinearChainBothWays() {
        // Given RAW-1 loaded at the press, which fills INT-1; INT-1 loaded at the welder, which fills FG-1
        plant.consumed("press", "RAW-1", "STEEL", 500, 0).produced("press", "INT-1", "BLANK", 1)
                .consumed("weld", "INT-1", "BLANK", 100, 10).produced("weld", "FG-1", "BRACKET", 11);

        // Then FG-1 was made from INT-1, made from RAW-1; and RAW-1 went into INT-1, then FG-1
        assertThat(lots(plant.backward("FG-1", 10))).containsExactly(tuple("FG-1", 0), tuple("INT-1", 1),
                tuple("RAW-1", 2));
        assertThat(lots(plant.forward("RAW-1", 10))).containsExactly(tuple("RAW-1", 0), tuple("INT-1", 1),
                tuple("FG-1", 2));
        assertThat(plant.backward("FG-1", 10).truncated()).isFalse();
        // And the edges carry what was booked: 500 of RAW-1 into INT-1 and 100 of INT-1 into FG-1 (each
        // booked while no lot was open at its station: into the next one opened)
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges).containsOnlyKeys("INT-1|RAW-1", "FG-1|INT-1");
        assertThat(edges.get("INT-1|RAW-1").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(edges.get("FG-1|INT-1").getQuantity().getValue()).isEqualTo(100.0);
    }

    @Test
    void shouldReachASharedRawLotOnceThroughADiamond() {
        // Given RAW-1 goes into A at the press and into B at the cutter, and A and B into C at the welder
        plant.produced("press", "A", "BLANK-A", 0).consumed("press", "RAW-1", "STEEL", 300, 1)
                .produced("cut", "B", "BLANK-B", 0).consumed("cut", "RAW-1", "STEEL", 200, 2)
                .produced("weld", "C", "ASSEMBLY", 10).consumed("weld", "A", "BLANK-A", 1, 11)
                .consumed("weld", "B", "BLANK-B", 1, 12);

        // Then C's trace holds A and B at depth 1 and RAW-1 once, at depth 2, with all four edges
        LotTrace.Result trace = plant.backward("C", 10);
        assertThat(lots(trace)).containsExactly(tuple("C", 0), tuple("A", 1), tuple("B", 1), tuple("RAW-1", 2));
        assertThat(trace.edges()).extracting(GenealogyEdge::getParentLotId, GenealogyEdge::getChildLotId)
                .containsExactlyInAnyOrder(tuple("A", "C"), tuple("B", "C"), tuple("RAW-1", "A"), tuple("RAW-1", "B"));
        // And the shared lot's bookings add up: 300 into A, 200 into B, 500 consumed
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges.get("A|RAW-1").getQuantity().getValue()).isEqualTo(300.0);
        assertThat(edges.get("B|RAW-1").getQuantity().getValue()).isEqualTo(200.0);
        assertThat(plant.lot("RAW-1").getConsumedQuantity().getValue()).isEqualTo(500.0);
    }

    @Test
    void shouldSplitOneInputLotOverTheOutputLotsFilledWhileItWasLoaded() {
        // Given RAW-1 loaded at 0 s while the press fills INT-1 (from 1 s), INT-2 (10 s) and INT-3 (20 s)
        plant.consumed("press", "RAW-1", "STEEL", 500, 0).produced("press", "INT-1", "BLANK", 1)
                .produced("press", "INT-2", "BLANK", 10).produced("press", "INT-3", "BLANK", 20);

        // Then RAW-1 went into all three, and INT-1 and INT-2 are complete when the next lot opened
        assertThat(lots(plant.forward("RAW-1", 1))).containsExactly(tuple("RAW-1", 0), tuple("INT-1", 1),
                tuple("INT-2", 1), tuple("INT-3", 1));
        // And its one booking of 500 counts once, into INT-1; the later lots carry it over at 0
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges.get("INT-1|RAW-1").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(edges.get("INT-2|RAW-1").getQuantity().getValue()).isZero();
        assertThat(edges.get("INT-3|RAW-1").getQuantity().getValue()).isZero();
        assertThat(plant.lot("INT-1").getProducedUntil()).isEqualTo(GenealogyDriver.T0.plusSeconds(10));
        assertThat(plant.lot("INT-3").getProducedUntil()).isNull();
    }

    @Test
    void shouldMergeTheInputLotsLoadedWhileAnOutputLotWasFilled() {
        // Given INT-1 filled from 1 s to 10 s; RAW-1 loaded from 0 s, replaced by RAW-2 at 5 s
        plant.consumed("press", "RAW-1", "STEEL", 500, 0).produced("press", "INT-1", "BLANK", 1)
                .consumed("press", "RAW-2", "STEEL", 500, 5).produced("press", "INT-2", "BLANK", 10);

        // Then INT-1 holds both, INT-2 only RAW-2 (RAW-1 was unloaded before INT-2 opened)
        assertThat(parents(plant.backward("INT-1", 1))).containsExactlyInAnyOrder("RAW-1", "RAW-2");
        assertThat(parents(plant.backward("INT-2", 1))).containsExactly("RAW-2");
        // And RAW-2's 500 were booked while INT-1 was open; INT-2 carries RAW-2 over at 0
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges.get("INT-1|RAW-2").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(edges.get("INT-2|RAW-2").getQuantity().getValue()).isZero();
    }

    @Test
    void shouldNotLinkLotsThatChangedAtTheSameInstantWhicheverIsReadFirst() {
        // Given at 10 s the press opens INT-2 and loads RAW-2 (its first part's lot): read output first
        plant.consumed("press", "RAW-1", "STEEL", 500, 0).produced("press", "INT-1", "BLANK", 1)
                .produced("press", "INT-2", "BLANK", 10).consumed("press", "RAW-2", "STEEL", 500, 10);
        // ... and at the welder the same, input read first
        plant.consumed("weld", "RAW-8", "STEEL", 500, 0).produced("weld", "INT-8", "BLANK", 1)
                .consumed("weld", "RAW-9", "STEEL", 500, 10).produced("weld", "INT-9", "BLANK", 10);

        // Then RAW-1 is only in INT-1 and RAW-2 only in INT-2 (the tentative edges were withdrawn), and
        // RAW-2's booking belongs to INT-2; the same at the welder
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges).containsOnlyKeys("INT-1|RAW-1", "INT-2|RAW-2", "INT-8|RAW-8", "INT-9|RAW-9");
        assertThat(edges.get("INT-2|RAW-2").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(edges.get("INT-9|RAW-9").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(parents(plant.backward("INT-2", 1))).containsExactly("RAW-2");
        assertThat(parents(plant.backward("INT-9", 1))).containsExactly("RAW-9");
    }

    @Test
    void shouldLinkMovementsThatArriveOutOfOrderAsIfTheyHadArrivedInOrder() {
        // Given the merge of the test above, its movements arriving in another order (they travel on
        // their lots' partitions): INT-2 at 10 s first, then RAW-2 at 5 s, INT-1 at 1 s, RAW-1 at 0 s
        plant.produced("press", "INT-2", "BLANK", 10).consumed("press", "RAW-2", "STEEL", 500, 5)
                .produced("press", "INT-1", "BLANK", 1).consumed("press", "RAW-1", "STEEL", 500, 0);

        // Then the same graph, quantities and closing as in order; the tentative edges were withdrawn
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges).containsOnlyKeys("INT-1|RAW-1", "INT-1|RAW-2", "INT-2|RAW-2");
        assertThat(edges.get("INT-1|RAW-1").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(edges.get("INT-1|RAW-2").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(edges.get("INT-2|RAW-2").getQuantity().getValue()).isZero();
        assertThat(plant.lot("INT-1").getProducedUntil()).isEqualTo(GenealogyDriver.T0.plusSeconds(10));
    }

    @Test
    void shouldRefuseAMovementOlderThanTheReorderWindowToTheDeadLetterTopic() {
        // Given a station whose movements reached 100 s: those before 70 s (30 s window) are settled, the
        // newest of them at 50 s
        plant.consumed("press", "RAW-1", "STEEL", 500, 0).produced("press", "INT-1", "BLANK", 1)
                .consumed("press", "RAW-2", "STEEL", 500, 50).produced("press", "INT-2", "BLANK", 100);
        // When a movement of 20 s arrives now: before a settled one, it cannot be placed any more
        plant.consumed("press", "RAW-0", "STEEL", 500, 20);

        // Then it goes to the dead-letter topic with the reason, and the graph is as before
        assertThat(plant.deadLetterReasons()).containsExactly(LotLinker.LATE_MOVEMENT);
        assertThat(plant.edges()).containsOnlyKeys("INT-1|RAW-1", "INT-1|RAW-2", "INT-2|RAW-2");
    }

    @Test
    void shouldRefuseALotIdTheGraphCannotKey() {
        plant.consumed("press", "RAW|1", "STEEL", 500, 0);

        assertThat(plant.deadLetterReasons()).containsExactly(GenealogyTopology.INVALID_LOT_ID);
    }

    @Test
    void shouldEndATraceThroughAReworkLoop() {
        // Given A made into B at the press, and B reworked back into lot A at the rework station
        plant.produced("press", "B", "PART", 0).consumed("press", "A", "PART", 10, 1)
                .produced("rework", "A", "PART", 10).consumed("rework", "B", "PART", 10, 11);

        // Then the trace from B finds A and stops: each lot once, both edges
        LotTrace.Result trace = plant.backward("B", 10);
        assertThat(lots(trace)).containsExactly(tuple("B", 0), tuple("A", 1));
        assertThat(trace.edges()).extracting(GenealogyEdge::getParentLotId, GenealogyEdge::getChildLotId)
                .containsExactlyInAnyOrder(tuple("A", "B"), tuple("B", "A"));
        assertThat(trace.truncated()).isFalse();
    }

    @Test
    void shouldAddUpPartialConsumptionsPerOutputLot() {
        // Given 30 of RAW-1 booked into P1, then 20 more into P1, then 25 into P2
        plant.produced("mixer", "P1", "MIX", 0).consumed("mixer", "RAW-1", "RESIN", 30, 1)
                .consumed("mixer", "RAW-1", "RESIN", 20, 2).produced("mixer", "P2", "MIX", 10)
                .consumed("mixer", "RAW-1", "RESIN", 25, 11);

        // Then the edges hold 50 and 25, and RAW-1 75 consumed, in the bookings' unit
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges.get("P1|RAW-1").getQuantity().getValue()).isEqualTo(50.0);
        assertThat(edges.get("P2|RAW-1").getQuantity().getValue()).isEqualTo(25.0);
        MaterialLot raw = plant.lot("RAW-1");
        assertThat(raw.getConsumedQuantity().getValue()).isEqualTo(75.0);
        assertThat(raw.getConsumedQuantity().getUom()).isEqualTo("H87");
        assertThat(raw.getProducedQuantity()).isNull();
    }

    @Test
    void shouldStopAtTheDepthLimitAndSaySo() {
        // Given a chain L0 <- L1 <- L2 <- L3 <- L4 (each made from the one before)
        for (int i = 1; i <= 4; i++) {
            plant.produced("s" + i, "L" + i, "M" + i, i * 10).consumed("s" + i, "L" + (i - 1), "M" + (i - 1), 1,
                    i * 10 + 1);
        }

        // Then depth 2 from L4 reaches L2 and says the trace was cut; depth 4 reaches L0 and does not
        LotTrace.Result shallow = plant.backward("L4", 2);
        assertThat(lots(shallow)).containsExactly(tuple("L4", 0), tuple("L3", 1), tuple("L2", 2));
        assertThat(shallow.truncated()).isTrue();
        LotTrace.Result deep = plant.backward("L4", 4);
        assertThat(lots(deep)).extracting(t -> t.toList().get(0)).containsExactly("L4", "L3", "L2", "L1", "L0");
        assertThat(deep.truncated()).isFalse();
        assertThat(plant.backward("L4", 0).nodes()).hasSize(1);
    }

    @Test
    void shouldKeepALotsSerialsQualityAndProducingStation() {
        // Given two serialised units put into lot FG-1 at the welder, and two inspections of FG-1
        plant.producedSerial("weld", "FG-1", "BRACKET", 0, "SN-1").producedSerial("weld", "FG-1", "BRACKET", 5, "SN-2")
                .inspected("FG-1", "bore", InspectionResult.PASS, 6).inspected("FG-1", "leak", InspectionResult.FAIL, 7)
                .inspected("FG-1", "leak", InspectionResult.FAIL, 7);

        // Then the lot holds both serials, both results once (the resend not again), FAIL overall
        MaterialLot lot = plant.lot("FG-1");
        assertThat(lot.getSerialNumbers()).containsExactly("SN-1", "SN-2");
        assertThat(lot.getInspections()).hasSize(2);
        assertThat(lot.getQuality()).isEqualTo(InspectionResult.FAIL);
        assertThat(lot.getEquipment().getId()).isEqualTo("site1.area1.line1.weld");
        assertThat(lot.getWorkOrderId()).isEqualTo("WO-1");
        assertThat(lot.getProducedFrom()).isEqualTo(GenealogyDriver.T0);
        assertThat(plant.graph().lotOfSerial("SN-2")).contains("FG-1");
    }

    @Test
    void shouldNotLinkALotOfAMaterialNoLongerFedAfterAProductChangeover() {
        // Given the assembly station fills C1 from 0 s with A1 (BLANK-100), booked per use: 50 + 50
        plant.produced("assy", "C1", "PART", 0).consumed("assy", "A1", "BLANK-100", 50, 1)
                .consumed("assy", "A1", "BLANK-100", 50, 2);
        // When after the changeover upstream C2 opens (10 s) and is filled from B1 (BLANK-200, 100 at
        // 11 s), then C3 opens (20 s) and takes 100 more of B1 (21 s); no other BLANK-100 lot comes
        plant.produced("assy", "C2", "PART", 10).consumed("assy", "B1", "BLANK-200", 100, 11)
                .produced("assy", "C3", "PART", 20).consumed("assy", "B1", "BLANK-200", 100, 21);

        // Then C1 <- A1 (50 + 50 = 100); C2 <- B1 (100) only: A1, still loaded, was linked to C2 at 0
        // when C2 opened, and withdrawn as C2 closed (nothing of A1 booked, 100 of B1); A1 is unloaded
        // then, so C3 <- B1 (100) only and A1 was never linked to C3
        List<KeyValue<String, GenealogyEdge>> changes = plant.edgeChanges();
        Map<String, GenealogyEdge> edges = GenealogyDriver.compacted(changes);
        assertThat(edges).containsOnlyKeys("C1|A1", "C2|B1", "C3|B1");
        assertThat(edges.get("C1|A1").getQuantity().getValue()).isEqualTo(100.0);
        assertThat(edges.get("C2|B1").getQuantity().getValue()).isEqualTo(100.0);
        assertThat(edges.get("C3|B1").getQuantity().getValue()).isEqualTo(100.0);
        assertThat(changes).filteredOn(change -> change.key.equals("C2|A1")).extracting(change -> change.value)
                .as("sent when C2 opened, then a tombstone").hasSize(2).last().isNull();
        assertThat(changes).noneMatch(change -> change.key.equals("C3|A1"));
        // And the graph store agrees: A1 went into C1 only, C2 was made from B1 only
        assertThat(lots(plant.forward("A1", 10))).containsExactly(tuple("A1", 0), tuple("C1", 1));
        assertThat(parents(plant.backward("C2", 1))).containsExactly("B1");
        assertThat(parents(plant.backward("C3", 1))).containsExactly("B1");
    }

    @Test
    void shouldKeepEveryParentAtAStationThatBooksNoQuantities() {
        // Given lot-in tracking only: every movement books 0 (the contract requires a quantity; a
        // gateway quantity tag reading 0 sends it). C1 opens, A1 (BLANK-100) is scanned twice, C2
        // opens, B1 (BLANK-200) is scanned, C3 opens
        plant.produced("press2", "C1", "PART", 0).consumed("press2", "A1", "BLANK-100", 0, 1)
                .consumed("press2", "A1", "BLANK-100", 0, 2).produced("press2", "C2", "PART", 10)
                .consumed("press2", "B1", "BLANK-200", 0, 11).produced("press2", "C3", "PART", 20);

        // Then as before: nothing booked tells no lot apart, so A1 (never replaced by a BLANK-100 lot)
        // stays a parent of C1, C2 and C3, and B1 of C2 and C3, all at 0
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges).containsOnlyKeys("C1|A1", "C2|A1", "C2|B1", "C3|A1", "C3|B1");
        assertThat(edges.values()).allMatch(edge -> edge.getQuantity().getValue() == 0.0);
        assertThat(lots(plant.forward("A1", 1))).containsExactly(tuple("A1", 0), tuple("C1", 1), tuple("C2", 1),
                tuple("C3", 1));
    }

    @Test
    void shouldKeepALotBookedOnceAtLoadingInEveryOutputLotFilledWhileItWasLoaded() {
        // Given a gateway's lot-in bookings: each lot booked once, whole, when it is scanned. COIL-1
        // (500) and SCREWS-1 (1000) loaded at 0 s; INT-1 opens at 1 s, INT-2 at 10 s; COIL-2 (500)
        // replaces COIL-1 at 15 s; INT-3 opens at 20 s
        plant.consumed("press3", "COIL-1", "STEEL", 500, 0).consumed("press3", "SCREWS-1", "SCREW", 1000, 0)
                .produced("press3", "INT-1", "BLANK", 1).produced("press3", "INT-2", "BLANK", 10)
                .consumed("press3", "COIL-2", "STEEL", 500, 15).produced("press3", "INT-3", "BLANK", 20);

        // Then INT-2 keeps COIL-1 (fed it from 10 s to 15 s) and SCREWS-1 (fed it throughout) at 0
        // beside COIL-2's 500: their bookings went into INT-1, booked once they tell nothing of INT-2
        Map<String, GenealogyEdge> edges = plant.edges();
        assertThat(edges).containsOnlyKeys("INT-1|COIL-1", "INT-1|SCREWS-1", "INT-2|COIL-1", "INT-2|SCREWS-1",
                "INT-2|COIL-2", "INT-3|COIL-2", "INT-3|SCREWS-1");
        assertThat(edges.get("INT-1|COIL-1").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(edges.get("INT-2|COIL-1").getQuantity().getValue()).isZero();
        assertThat(edges.get("INT-2|SCREWS-1").getQuantity().getValue()).isZero();
        assertThat(edges.get("INT-2|COIL-2").getQuantity().getValue()).isEqualTo(500.0);
        assertThat(lots(plant.forward("COIL-1", 1))).containsExactly(tuple("COIL-1", 0), tuple("INT-1", 1),
                tuple("INT-2", 1));
    }

    @Test
    void shouldWithdrawAnUnusedParentWhenALateBookingShowsAnotherWasUsed() {
        // Given the mixer fills C1 from 0 s with A1 (RESIN, 10 + 10) and B1 (HARDENER, 5 + 5), both
        // booked per use; C2 opens at 10 s and C3 at 20 s with no booking read for C2 yet
        plant.produced("mixer", "C1", "MIX", 0).consumed("mixer", "A1", "RESIN", 10, 1)
                .consumed("mixer", "A1", "RESIN", 10, 2).consumed("mixer", "B1", "HARDENER", 5, 3)
                .consumed("mixer", "B1", "HARDENER", 5, 4).produced("mixer", "C2", "MIX", 10)
                .produced("mixer", "C3", "MIX", 20);
        // ... so C2 closed with nothing booked and keeps both parents at 0, as C3 does for now
        List<KeyValue<String, GenealogyEdge>> changes = new ArrayList<>(plant.edgeChanges());
        assertThat(GenealogyDriver.compacted(changes)).containsOnlyKeys("C1|A1", "C1|B1", "C2|A1", "C2|B1", "C3|A1",
                "C3|B1");

        // When a booking of 5 of B1 at 15 s arrives late, within the 30 s reorder window
        plant.consumed("mixer", "B1", "HARDENER", 5, 15);

        // Then C2 was filled from B1 (5) and not from A1: C2|A1 is withdrawn, and A1, unloaded as C2
        // closed at 20 s, is withdrawn from C3 too; C3 <- B1 (0: nothing of it booked yet)
        List<KeyValue<String, GenealogyEdge>> late = plant.edgeChanges();
        assertThat(late).extracting(change -> change.key,
                        change -> change.value == null ? null : change.value.getQuantity().getValue())
                .containsExactlyInAnyOrder(tuple("C2|A1", null), tuple("C2|B1", 5.0), tuple("C3|A1", null));
        changes.addAll(late);

        // When C4 opens at 60 s, settling every movement up to 20 s (older than 60 - 30 s) and closing
        // C3, then B1 is booked into C4 (5 at 61 s) and A1 comes back (10 at 62 s)
        plant.produced("mixer", "C4", "MIX", 60).consumed("mixer", "B1", "HARDENER", 5, 61)
                .consumed("mixer", "A1", "RESIN", 10, 62);

        // Then the settled state unloaded A1 as the live one did: C3 (nothing booked: kept at 0) and C4
        // start without A1; its new booking loads it again and links it to C4 from 62 s. All told:
        // C1 <- A1 (10 + 10 = 20), B1 (5 + 5 = 10); C2 <- B1 (5); C3 <- B1 (0); C4 <- B1 (5), A1 (10)
        changes.addAll(plant.edgeChanges());
        Map<String, GenealogyEdge> edges = GenealogyDriver.compacted(changes);
        assertThat(edges).containsOnlyKeys("C1|A1", "C1|B1", "C2|B1", "C3|B1", "C4|B1", "C4|A1");
        assertThat(edges.get("C1|A1").getQuantity().getValue()).isEqualTo(20.0);
        assertThat(edges.get("C1|B1").getQuantity().getValue()).isEqualTo(10.0);
        assertThat(edges.get("C3|B1").getQuantity().getValue()).isZero();
        assertThat(edges.get("C4|B1").getQuantity().getValue()).isEqualTo(5.0);
        assertThat(edges.get("C4|A1").getQuantity().getValue()).isEqualTo(10.0);
        assertThat(edges.get("C4|A1").getLinkedAt()).isEqualTo(GenealogyDriver.T0.plusSeconds(62));
        assertThat(lots(plant.forward("A1", 1))).containsExactly(tuple("A1", 0), tuple("C1", 1), tuple("C4", 1));
        assertThat(parents(plant.backward("C2", 1))).containsExactly("B1");
        assertThat(plant.lot("C3").getProducedUntil()).isEqualTo(GenealogyDriver.T0.plusSeconds(60));
    }

    private static List<org.assertj.core.groups.Tuple> lots(LotTrace.Result trace) {
        return trace.nodes().stream().map(node -> tuple(node.lotId(), node.depth())).toList();
    }

    private static List<String> parents(LotTrace.Result trace) {
        return trace.edges().stream().map(GenealogyEdge::getParentLotId).toList();
    }
}
