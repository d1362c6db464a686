package io.takt.genealogy.topology;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linking rule of a station, applied to its movements in event-time order: an input lot
 * loaded at the station is a parent of every output lot filled there while it is loaded (their
 * times overlap). An input stays loaded until another lot of the same material is loaded; an output
 * lot is filled until the next one opens, which closes it. An overlap of no length (two changes at
 * the same instant) is no link. A link's quantity is what was booked of the parent while the child
 * was open, or while no lot was open before it, so a parent's links add up to its bookings.
 * <p>
 * A lot booked once, as it is loaded (what a gateway's lot-in books), says nothing of the later
 * output lots it goes into: it links to them at 0. A lot booked again while loaded is booked per
 * use, so an output lot filled without a booking of it while other parents were booked did not use
 * it: when that output closes, the link is withdrawn and the lot unloaded (its material is no
 * longer fed, e.g. after a product changeover upstream), so it is not linked to the next output
 * either; a later booking loads it again. An output of which nothing was booked keeps its links.
 */
final class StationLinking {

    /** An edge as the rule makes it: parent, child and the link between them. */
    record Edge(String parentLotId, String childLotId, String childMaterialId, String workOrderId,
                String operationId, StationLots.Link link) {
    }

    /** What applying movements made: the edges of the lots they touched, and the closing time of each output closed. */
    static final class Outcome {
        final Map<String, Edge> edges = new LinkedHashMap<>();
        final Map<String, Long> closings = new LinkedHashMap<>();

        void put(StationLots.Output output, String parent, StationLots.Link link) {
            edges.put(GenealogyTopology.edgeKey(output.lotId(), parent), new Edge(parent, output.lotId(),
                    output.materialId(), output.workOrderId(), output.operationId(), link));
        }

        void remove(String child, String parent) {
            edges.remove(GenealogyTopology.edgeKey(child, parent));
        }
    }

    private StationLinking() {
    }

    /** The edges of the state's open output, as links already made. */
    static Outcome startingFrom(StationLots.Snapshot state) {
        Outcome outcome = new Outcome();
        if (state.output != null) {
            state.links.forEach((parent, link) -> outcome.put(state.output, parent, link));
        }
        return outcome;
    }

    static void applyAll(StationLots.Snapshot state, List<StationLots.Movement> movements, Outcome outcome) {
        movements.forEach(movement -> apply(state, movement, outcome));
    }

    static void apply(StationLots.Snapshot state, StationLots.Movement movement, Outcome outcome) {
        if (movement.produced()) {
            produced(state, movement, outcome);
        } else {
            consumed(state, movement, outcome);
        }
    }

    private static void consumed(StationLots.Snapshot state, StationLots.Movement m, Outcome outcome) {
        StationLots.Input loaded = state.inputs.get(m.materialId());
        if (loaded == null || !loaded.lotId().equals(m.lotId())) {
            if (loaded != null) {
                unload(state, loaded, m.time(), outcome);
            }
            loaded = new StationLots.Input(m.lotId(), m.materialId(), m.time(), m.uom(), 0, 0);
            if (state.output != null && !state.output.lotId().equals(m.lotId())) {
                state.links.put(m.lotId(), new StationLots.Link(Math.max(m.time(), state.output.since()), 0,
                        m.materialId(), m.uom()));
            }
        }
        loaded = loaded.bookedAgain();
        StationLots.Link link = state.links.get(loaded.lotId());
        if (link != null) {
            link = link.plus(m.quantity());
            state.links.put(loaded.lotId(), link);
            outcome.put(state.output, loaded.lotId(), link);
        } else {
            loaded = loaded.withPending(loaded.pending() + m.quantity());
        }
        state.inputs.put(loaded.materialId(), loaded);
    }

    private static void produced(StationLots.Snapshot state, StationLots.Movement m, Outcome outcome) {
        if (state.output != null && state.output.lotId().equals(m.lotId())) {
            return; // the lot being filled, booked again: nothing changes in the graph
        }
        Map<String, Double> carried = state.output == null ? Map.of() : close(state, m.time(), outcome);
        state.output = new StationLots.Output(m.lotId(), m.materialId(), m.time(), m.workOrderId(), m.operationId());
        state.links.clear();
        for (StationLots.Input input : List.copyOf(state.inputs.values())) {
            if (!input.lotId().equals(m.lotId())) {
                StationLots.Link link = new StationLots.Link(Math.max(m.time(), input.since()),
                        carried.getOrDefault(input.lotId(), 0.0) + input.pending(), input.materialId(), input.uom());
                state.links.put(input.lotId(), link);
                state.inputs.put(input.materialId(), input.withPending(0));
                outcome.put(state.output, input.lotId(), link);
            }
        }
    }

    /** Another lot of the input's material is loaded at {@code time}: a link that never overlapped goes. */
    private static void unload(StationLots.Snapshot state, StationLots.Input input, long time, Outcome outcome) {
        StationLots.Link link = state.links.get(input.lotId());
        if (link != null && time <= link.overlapStart()) {
            state.links.remove(input.lotId());
            outcome.remove(state.output.lotId(), input.lotId());
        }
    }

    /**
     * The next lot opens at {@code time}: the output closes, and its links of no length go; what was
     * booked on them was booked as the next lot opened, so it is returned to be carried over to it.
     * Then the lots booked per use of which nothing went into it go ({@link #withdrawUnused}).
     */
    private static Map<String, Double> close(StationLots.Snapshot state, long time, Outcome outcome) {
        String child = state.output.lotId();
        Map<String, Double> carried = new HashMap<>();
        for (Iterator<Map.Entry<String, StationLots.Link>> links = state.links.entrySet().iterator();
             links.hasNext(); ) {
            Map.Entry<String, StationLots.Link> link = links.next();
            if (time <= link.getValue().overlapStart()) {
                carried.put(link.getKey(), link.getValue().quantity());
                links.remove();
                outcome.remove(child, link.getKey());
            }
        }
        withdrawUnused(state, outcome);
        outcome.closings.put(child, time);
        return carried;
    }

    /**
     * Withdraws the closing output's links of no booking to lots still loaded and booked per use, if
     * another parent was booked into it, and unloads those lots. A lot unloaded by another of its
     * material while the output was open was in use until then and keeps its link.
     */
    private static void withdrawUnused(StationLots.Snapshot state, Outcome outcome) {
        if (state.links.values().stream().noneMatch(link -> link.quantity() > 0)) {
            return; // nothing booked into it: lot-in tracking only, every parent stays
        }
        for (Iterator<Map.Entry<String, StationLots.Link>> links = state.links.entrySet().iterator();
             links.hasNext(); ) {
            Map.Entry<String, StationLots.Link> link = links.next();
            StationLots.Input input = state.inputs.get(link.getValue().materialId());
            if (link.getValue().quantity() == 0 && input != null && input.lotId().equals(link.getKey())
                    && input.bookedPerUse()) {
                links.remove();
                outcome.remove(state.output.lotId(), link.getKey());
                state.inputs.remove(input.materialId());
            }
        }
    }
}
