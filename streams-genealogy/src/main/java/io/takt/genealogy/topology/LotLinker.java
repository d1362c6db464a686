package io.takt.genealogy.topology;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.Quantity;

/**
 * Links lots at a station (the rule streams-genealogy/README.md states): an input lot loaded at a
 * station is a parent of every output lot the station fills while the input is loaded, that is,
 * whose time at the station overlaps the input's. An input stays loaded until another lot of the
 * same material is loaded there; an output lot is filled until the station opens its next one. An
 * edge's quantity is what was booked of the parent while the child was open, or while no lot was
 * open before it (not apportioned; 0 for a parent carried over from the lot before without a new
 * booking), so the edges of a parent add up to what was booked of it. Movements of one station come in the order its gateway wrote
 * them; two changes at the same instant may be read in either order: an overlap of no length is no
 * link, and an edge made before the second change was read is withdrawn (a tombstone).
 */
final class LotLinker implements Processor<String, MaterialMovement, String, StationOutput> {

    private ProcessorContext<String, StationOutput> context;
    private KeyValueStore<String, StationLots> stations;

    @Override
    public void init(ProcessorContext<String, StationOutput> context) {
        this.context = context;
        this.stations = context.getStateStore(GenealogyTopology.STATIONS);
    }

    @Override
    public void process(Record<String, MaterialMovement> record) {
        MaterialMovement movement = record.value();
        String station = record.key();
        StationLots lots = stations.get(station);
        if (lots == null) {
            lots = StationLots.empty();
        }
        String source = movement.getSource().getGatewayId() + "|" + movement.getSource().getAddress();
        if (!lots.firstSeen(source, movement.getSequence())) {
            return;
        }
        context.forward(new Record<>(movement.getLotId(), new LotEvent.Booked(movement), record.timestamp()));
        if (movement.getKind() == MovementKind.CONSUMED) {
            consumed(lots, movement);
        } else if (movement.getKind() == MovementKind.PRODUCED) {
            produced(lots, movement);
        }
        stations.put(station, lots);
    }

    private void consumed(StationLots lots, MaterialMovement movement) {
        long time = movement.getSourceTimestamp().toEpochMilli();
        double booked = movement.getQuantity().getValue();
        StationLots.Input loaded = lots.inputs.get(movement.getMaterialId());
        if (loaded == null || !loaded.lotId().equals(movement.getLotId())) {
            if (loaded != null) {
                unload(lots, loaded, time);
            }
            loaded = new StationLots.Input(movement.getLotId(), movement.getMaterialId(), time,
                    movement.getQuantity().getUom(), 0);
            lots.inputs.put(loaded.materialId(), loaded);
            if (lots.output != null && !lots.output.lotId().equals(loaded.lotId())) {
                lots.links.put(loaded.lotId(), new StationLots.Link(Math.max(time, lots.output.since()), 0));
            }
        }
        StationLots.Link link = lots.links.get(loaded.lotId());
        if (link != null) {
            link.quantity += booked;
            emit(lots, loaded, link, movement.getEquipment());
        } else {
            lots.inputs.put(loaded.materialId(), loaded.withPending(loaded.pending() + booked));
        }
    }

    private void produced(StationLots lots, MaterialMovement movement) {
        long time = movement.getSourceTimestamp().toEpochMilli();
        if (lots.output != null && lots.output.lotId().equals(movement.getLotId())) {
            return; // the lot being filled, booked again: nothing changes in the graph
        }
        Map<String, Double> carried = lots.output == null ? Map.of() : close(lots, time);
        lots.output = new StationLots.Output(movement.getLotId(), movement.getMaterialId(), time,
                movement.getWorkOrderId(), movement.getOperationId());
        lots.links.clear();
        for (StationLots.Input input : java.util.List.copyOf(lots.inputs.values())) {
            if (!input.lotId().equals(movement.getLotId())) {
                StationLots.Link link = new StationLots.Link(Math.max(time, input.since()),
                        carried.getOrDefault(input.lotId(), 0.0) + input.pending());
                lots.links.put(input.lotId(), link);
                lots.inputs.put(input.materialId(), input.withPending(0));
                emit(lots, input, link, movement.getEquipment());
            }
        }
    }

    /** Another lot of the input's material is loaded at {@code time}: a link that never overlapped goes. */
    private void unload(StationLots lots, StationLots.Input input, long time) {
        StationLots.Link link = lots.links.get(input.lotId());
        if (link != null && time <= link.overlapStart) {
            lots.links.remove(input.lotId());
            withdraw(lots.output.lotId(), input.lotId());
        }
    }

    /**
     * The station opens its next lot at {@code time}: the output lot is closed, and its links of no
     * length go. What was booked on them was booked at the instant the next lot opened: it is
     * returned, to be carried over to the next lot's links.
     */
    private Map<String, Double> close(StationLots lots, long time) {
        String child = lots.output.lotId();
        Map<String, Double> carried = new HashMap<>();
        for (Iterator<Map.Entry<String, StationLots.Link>> links = lots.links.entrySet().iterator(); links.hasNext(); ) {
            Map.Entry<String, StationLots.Link> link = links.next();
            if (time <= link.getValue().overlapStart) {
                carried.put(link.getKey(), link.getValue().quantity);
                links.remove();
                withdraw(child, link.getKey());
            }
        }
        context.forward(new Record<>(child, new LotEvent.Closed(time), context.currentSystemTimeMs()));
        return carried;
    }

    private void emit(StationLots lots, StationLots.Input input, StationLots.Link link, EquipmentRef equipment) {
        StationLots.Output output = lots.output;
        GenealogyEdge edge = GenealogyEdge.newBuilder()
                .setParentLotId(input.lotId()).setParentMaterialId(input.materialId())
                .setChildLotId(output.lotId()).setChildMaterialId(output.materialId())
                .setQuantity(new Quantity(link.quantity, input.uom()))
                .setWorkOrderId(output.workOrderId()).setOperationId(output.operationId())
                .setEquipment(equipment).setLinkedAt(Instant.ofEpochMilli(link.overlapStart))
                .build();
        context.forward(new Record<>(GenealogyTopology.edgeKey(output.lotId(), input.lotId()),
                new StationOutput.EdgeChange(edge), context.currentSystemTimeMs()));
    }

    private void withdraw(String child, String parent) {
        context.forward(new Record<>(GenealogyTopology.edgeKey(child, parent), new StationOutput.EdgeChange(null),
                context.currentSystemTimeMs()));
    }
}
