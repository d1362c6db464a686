package io.takt.genealogy.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.takt.schemas.MaterialLot;

/**
 * Where suspect lots went: every lot made from any of them (forward traces), the finished lots
 * among those (lots nothing was made from), and the shipment lots reached (lots of the materials
 * configured as shipments).
 */
public final class RecallScope {

    /** A lot of the scope, with its record when known. */
    public record Lot(String lotId, Optional<MaterialLot> lot) {
    }

    /**
     * @param truncated whether a trace hit the depth limit: the scope may be larger
     */
    public record Result(List<String> suspects, List<Lot> affected, List<Lot> finished, List<Lot> shipments,
                         boolean truncated) {
    }

    private RecallScope() {
    }

    public static Result of(LotGraph graph, List<String> suspects, int depth, Set<String> shipmentMaterials) {
        Map<String, Optional<MaterialLot>> affected = new LinkedHashMap<>();
        Set<String> reached = new LinkedHashSet<>();
        boolean truncated = false;
        for (String suspect : suspects) {
            LotTrace.Result trace = LotTrace.trace(graph, suspect, LotTrace.Direction.FORWARD, depth);
            truncated |= trace.truncated();
            trace.nodes().forEach(node -> {
                if (node.depth() > 0) {
                    affected.putIfAbsent(node.lotId(), node.lot());
                }
                reached.add(node.lotId());
            });
        }
        List<Lot> finished = new ArrayList<>();
        List<Lot> shipments = new ArrayList<>();
        for (String lotId : reached) {
            Optional<MaterialLot> lot = affected.containsKey(lotId) ? affected.get(lotId) : graph.lot(lotId);
            boolean shipment = lot.map(l -> shipmentMaterials.contains(l.getMaterialId())).orElse(false);
            if (shipment) {
                shipments.add(new Lot(lotId, lot));
            } else if (!graph.hasChildren(lotId) || !shipmentMaterials.isEmpty() && graph.children(lotId).stream()
                    .allMatch(edge -> isShipment(graph, edge.getChildLotId(), shipmentMaterials))) {
                finished.add(new Lot(lotId, lot));
            }
        }
        List<Lot> all = new ArrayList<>();
        affected.forEach((lotId, lot) -> all.add(new Lot(lotId, lot)));
        return new Result(List.copyOf(suspects), all, finished, shipments, truncated);
    }

    private static boolean isShipment(LotGraph graph, String lotId, Set<String> shipmentMaterials) {
        return graph.lot(lotId).map(lot -> shipmentMaterials.contains(lot.getMaterialId())).orElse(false);
    }
}
