package io.takt.genealogy.trace;

import java.util.List;
import java.util.Optional;

import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.MaterialLot;
import io.takt.schemas.WorkOrder;

/**
 * The electronic batch record of a lot: the lot, the work order that made it, and the materials
 * that went into it with their lots (the lot's quality results, station and time window are in
 * its record). OEE and stops of the station during the lot come from streams-oee, when configured.
 */
public record BatchRecord(MaterialLot lot, Optional<WorkOrder> workOrder, List<Material> materials) {

    /** One input: the edge (quantity booked) and the input lot's record when known. */
    public record Material(GenealogyEdge edge, Optional<MaterialLot> lot) {
    }

    /** The record of {@code lotId}, or empty when the lot is not known. */
    public static Optional<BatchRecord> of(LotGraph graph, String lotId) {
        return graph.lot(lotId).map(lot -> new BatchRecord(lot, graph.workOrder(lot.getWorkOrderId()),
                graph.parents(lotId).stream()
                        .map(edge -> new Material(edge, graph.lot(edge.getParentLotId()))).toList()));
    }
}
