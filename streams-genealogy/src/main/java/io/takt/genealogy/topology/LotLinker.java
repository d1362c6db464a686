package io.takt.genealogy.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.platform.deadletter.RejectedRecordException;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.Quantity;

/**
 * Links the lots of each station ({@link StationLinking}) from its movements in event-time order.
 * Movements of different lots come on different partitions of the movement topic, so those of one
 * station may arrive out of order: the station keeps the movements of the last
 * {@code reorderWindow} of event time, places each new one by its time, works the links out again
 * from the state the older movements left, and sends only what changed (new or changed edges,
 * tombstones for withdrawn ones, closings). Movements that fall out of the window are settled: their
 * lots' edges are final. A movement older than a settled one can no longer be placed and is refused
 * with reason {@value #LATE_MOVEMENT}; a resent one (same source and sequence) is dropped.
 */
final class LotLinker implements Processor<String, MaterialMovement, String, StationOutput> {

    /** Reason of a movement older than the station's reorder window. */
    static final String LATE_MOVEMENT = "late-movement";
    /** Movements kept per station at most, whatever their times. */
    static final int MAX_RECENT = 256;

    private static final Comparator<StationLots.Movement> EVENT_ORDER =
            Comparator.comparingLong(StationLots.Movement::time).thenComparingLong(StationLots.Movement::arrival);

    private final long reorderWindowMillis;
    private final GenealogyCounters counters;
    private ProcessorContext<String, StationOutput> context;
    private KeyValueStore<String, StationLots> stations;

    LotLinker(Duration reorderWindow, GenealogyCounters counters) {
        this.reorderWindowMillis = reorderWindow.toMillis();
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, StationOutput> context) {
        this.context = context;
        this.stations = context.getStateStore(GenealogyTopology.STATIONS);
    }

    @Override
    public void process(Record<String, MaterialMovement> record) {
        MaterialMovement movement = record.value();
        if (movement.getKind() == MovementKind.UNKNOWN) {
            return; // a kind newer than this build: left out of the genealogy, not guessed
        }
        String station = record.key();
        StationLots lots = stations.get(station);
        if (lots == null) {
            lots = StationLots.empty();
        }
        String source = movement.getSource().getGatewayId() + "|" + movement.getSource().getAddress();
        if (lots.seen(source, movement.getSequence())) {
            counters.duplicate();
            return;
        }
        long time = movement.getSourceTimestamp().toEpochMilli();
        if (time < lots.settledUntil) {
            throw new RejectedRecordException(LATE_MOVEMENT, "Movement of lot " + movement.getLotId() + " at "
                    + movement.getSourceTimestamp() + " came after station " + station + " settled its lots up to "
                    + Instant.ofEpochMilli(lots.settledUntil) + " (genealogy.reorder.window)");
        }
        context.forward(new Record<>(movement.getLotId(), new LotEvent.Booked(movement), record.timestamp()));
        place(lots, movement, source, time);
        settle(lots);
        send(lots, movement.getEquipment());
        stations.put(station, lots);
        counters.linked();
    }

    private static void place(StationLots lots, MaterialMovement movement, String source, long time) {
        StationLots.Movement placed = new StationLots.Movement(time, lots.arrivals++,
                movement.getKind() == MovementKind.PRODUCED, movement.getLotId(), movement.getMaterialId(),
                movement.getQuantity().getValue(), movement.getQuantity().getUom(), movement.getWorkOrderId(),
                movement.getOperationId(), source, movement.getSequence());
        int at = 0;
        while (at < lots.recent.size() && EVENT_ORDER.compare(lots.recent.get(at), placed) <= 0) {
            at++;
        }
        lots.recent.add(at, placed);
    }

    /** Folds the movements older than the window into the settled state; their lots' edges are final. */
    private void settle(StationLots lots) {
        long newest = lots.newest();
        boolean settledAny = false;
        while (!lots.recent.isEmpty() && (lots.recent.size() > MAX_RECENT
                || lots.recent.get(0).time() < newest - reorderWindowMillis)) {
            StationLots.Movement oldest = lots.recent.remove(0);
            StationLinking.apply(lots.settled, oldest, new StationLinking.Outcome());
            lots.settledId(oldest.source(), oldest.sequence());
            lots.settledUntil = Math.max(lots.settledUntil, oldest.time());
            settledAny = true;
        }
        if (settledAny) {
            Set<String> open = openChildren(lots);
            lots.sent.keySet().removeIf(key -> !open.contains(child(key)));
            lots.closingsSent.keySet().removeIf(lot -> !open.contains(lot));
        }
    }

    /** Works the links out again from the settled state and sends what differs from what was sent. */
    private void send(StationLots lots, EquipmentRef equipment) {
        StationLots.Snapshot state = lots.settled.copy();
        StationLinking.Outcome outcome = StationLinking.startingFrom(state);
        StationLinking.applyAll(state, lots.recent, outcome);
        Set<String> open = openChildren(lots);
        for (Iterator<Map.Entry<String, StationLots.Link>> sent = lots.sent.entrySet().iterator(); sent.hasNext(); ) {
            Map.Entry<String, StationLots.Link> edge = sent.next();
            if (open.contains(child(edge.getKey())) && !outcome.edges.containsKey(edge.getKey())) {
                sent.remove();
                forward(edge.getKey(), null);
            }
        }
        outcome.edges.forEach((key, edge) -> {
            if (!edge.link().equals(lots.sent.get(key))) {
                lots.sent.put(key, edge.link());
                forward(key, edge(edge, equipment));
            }
        });
        outcome.closings.forEach((lot, time) -> {
            if (!Objects.equals(lots.closingsSent.put(lot, time), time)) {
                context.forward(new Record<>(lot, new LotEvent.Closed(time), context.currentSystemTimeMs()));
            }
        });
    }

    /** The output lots whose edges may still change: the settled open one and those of the recent movements. */
    private static Set<String> openChildren(StationLots lots) {
        Set<String> open = new HashSet<>();
        if (lots.settled.output != null) {
            open.add(lots.settled.output.lotId());
        }
        lots.recent.stream().filter(StationLots.Movement::produced).forEach(m -> open.add(m.lotId()));
        return open;
    }

    private static String child(String edgeKey) {
        return edgeKey.substring(0, edgeKey.indexOf('|'));
    }

    private static GenealogyEdge edge(StationLinking.Edge edge, EquipmentRef equipment) {
        StationLots.Link link = edge.link();
        return GenealogyEdge.newBuilder()
                .setParentLotId(edge.parentLotId()).setParentMaterialId(link.materialId())
                .setChildLotId(edge.childLotId()).setChildMaterialId(edge.childMaterialId())
                .setQuantity(new Quantity(link.quantity(), link.uom()))
                .setWorkOrderId(edge.workOrderId()).setOperationId(edge.operationId())
                .setEquipment(equipment).setLinkedAt(Instant.ofEpochMilli(link.overlapStart()))
                .build();
    }

    private void forward(String key, GenealogyEdge edge) {
        if (edge == null) {
            counters.withdrawn();
        } else {
            counters.sent();
        }
        context.forward(new Record<>(key, new StationOutput.EdgeChange(edge), context.currentSystemTimeMs()));
    }
}
