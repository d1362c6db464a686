package io.takt.genealogy.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.MaterialLot;

/**
 * A trace through the lot graph, breadth first: backward to the lots a lot was made from, or
 * forward to the lots made from it, up to a depth. Each lot is visited once, so a rework loop (a
 * lot consumed back into its own ancestry) ends the walk instead of looping it.
 */
public final class LotTrace {

    /** Which way to walk. */
    public enum Direction {
        /** To the lots it was made from (components, raw material). */
        BACKWARD,
        /** To the lots made from it (where it went). */
        FORWARD
    }

    /** A lot of the trace: its record when known, and how many steps from the start. */
    public record Node(String lotId, Optional<MaterialLot> lot, int depth) {
    }

    /**
     * @param truncated whether the depth limit cut the walk short: some lot at the limit has more
     */
    public record Result(String root, Direction direction, int depthLimit, List<Node> nodes,
                         List<GenealogyEdge> edges, boolean truncated) {
    }

    private LotTrace() {
    }

    public static Result trace(LotGraph graph, String root, Direction direction, int depthLimit) {
        Map<String, Integer> depths = new LinkedHashMap<>();
        depths.put(root, 0);
        List<GenealogyEdge> edges = new ArrayList<>();
        List<String> frontier = List.of(root);
        for (int depth = 1; depth <= depthLimit && !frontier.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (String lot : frontier) {
                for (GenealogyEdge edge : step(graph, lot, direction)) {
                    edges.add(edge);
                    String other = direction == Direction.BACKWARD ? edge.getParentLotId() : edge.getChildLotId();
                    if (depths.putIfAbsent(other, depth) == null) {
                        next.add(other);
                    }
                }
            }
            frontier = next;
        }
        // The walk stopped at the limit with lots still to expand: do they have more?
        boolean truncated = frontier.stream().anyMatch(lot -> direction == Direction.BACKWARD
                ? graph.hasParents(lot) : graph.hasChildren(lot));
        List<Node> nodes = new ArrayList<>();
        depths.forEach((lot, depth) -> nodes.add(new Node(lot, graph.lot(lot), depth)));
        return new Result(root, direction, depthLimit, nodes, edges, truncated);
    }

    private static List<GenealogyEdge> step(LotGraph graph, String lot, Direction direction) {
        return direction == Direction.BACKWARD ? graph.parents(lot) : graph.children(lot);
    }
}
