package io.takt.genealogy.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.MaterialLot;
import io.takt.schemas.Quantity;

/** A trace as JSON (nodes and edges), GraphML (yEd, Gephi) or Graphviz DOT, for people to look at. */
public final class TraceExport {

    private TraceExport() {
    }

    /** The trace as a JSON-ready tree of maps and lists. */
    public static Map<String, Object> json(LotTrace.Result trace) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("root", trace.root());
        json.put("direction", trace.direction().name().toLowerCase(java.util.Locale.ROOT));
        json.put("depthLimit", trace.depthLimit());
        json.put("truncated", trace.truncated());
        List<Object> nodes = new ArrayList<>();
        trace.nodes().forEach(node -> nodes.add(node(node)));
        json.put("nodes", nodes);
        List<Object> edges = new ArrayList<>();
        trace.edges().forEach(edge -> edges.add(edge(edge)));
        json.put("edges", edges);
        return json;
    }

    static Map<String, Object> node(LotTrace.Node node) {
        Map<String, Object> json = lot(node.lotId(), node.lot().orElse(null));
        json.put("depth", node.depth());
        return json;
    }

    /** A lot's record as JSON; only its id when the lot has no record (seen only in an edge). */
    public static Map<String, Object> lot(String lotId, MaterialLot lot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lotId", lotId);
        if (lot == null) {
            return json;
        }
        json.put("material", lot.getMaterialId());
        json.put("producedQuantity", quantity(lot.getProducedQuantity()));
        json.put("consumedQuantity", quantity(lot.getConsumedQuantity()));
        json.put("workOrderId", lot.getWorkOrderId());
        json.put("operationId", lot.getOperationId());
        json.put("equipmentId", equipment(lot.getEquipment()));
        json.put("producedFrom", text(lot.getProducedFrom()));
        json.put("producedUntil", text(lot.getProducedUntil()));
        json.put("quality", lot.getQuality().name());
        json.put("serialNumbers", lot.getSerialNumbers());
        return json;
    }

    static Map<String, Object> edge(GenealogyEdge edge) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parent", edge.getParentLotId());
        json.put("child", edge.getChildLotId());
        json.put("quantity", quantity(edge.getQuantity()));
        json.put("workOrderId", edge.getWorkOrderId());
        json.put("operationId", edge.getOperationId());
        json.put("equipmentId", equipment(edge.getEquipment()));
        json.put("linkedAt", text(edge.getLinkedAt()));
        return json;
    }

    /** GraphML: one node per lot (material, quality), one directed edge parent -> child (quantity). */
    public static String graphml(LotTrace.Result trace) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n")
                .append("  <key id=\"material\" for=\"node\" attr.name=\"material\" attr.type=\"string\"/>\n")
                .append("  <key id=\"quality\" for=\"node\" attr.name=\"quality\" attr.type=\"string\"/>\n")
                .append("  <key id=\"quantity\" for=\"edge\" attr.name=\"quantity\" attr.type=\"string\"/>\n")
                .append("  <graph id=\"").append(xmlText(trace.root())).append("\" edgedefault=\"directed\">\n");
        for (LotTrace.Node node : trace.nodes()) {
            xml.append("    <node id=\"").append(xmlText(node.lotId())).append("\">");
            node.lot().ifPresent(lot -> xml.append("<data key=\"material\">").append(xmlText(lot.getMaterialId()))
                    .append("</data><data key=\"quality\">").append(lot.getQuality()).append("</data>"));
            xml.append("</node>\n");
        }
        for (GenealogyEdge edge : trace.edges()) {
            xml.append("    <edge source=\"").append(xmlText(edge.getParentLotId())).append("\" target=\"")
                    .append(xmlText(edge.getChildLotId())).append("\"><data key=\"quantity\">")
                    .append(xmlText(quantityText(edge.getQuantity()))).append("</data></edge>\n");
        }
        return xml.append("  </graph>\n</graphml>\n").toString();
    }

    /** Graphviz DOT: lots as boxes labelled with id, material and quality; edges parent -> child with quantity. */
    public static String dot(LotTrace.Result trace) {
        StringBuilder dot = new StringBuilder("digraph \"").append(dotText(trace.root())).append("\" {\n")
                .append("  rankdir=LR;\n  node [shape=box];\n");
        for (LotTrace.Node node : trace.nodes()) {
            String label = node.lotId() + node.lot().map(lot -> "\\n" + lot.getMaterialId() + "\\n" + lot.getQuality())
                    .orElse("");
            dot.append("  \"").append(dotText(node.lotId())).append("\" [label=\"").append(label.replace("\"", "'"))
                    .append("\"];\n");
        }
        for (GenealogyEdge edge : trace.edges()) {
            dot.append("  \"").append(dotText(edge.getParentLotId())).append("\" -> \"")
                    .append(dotText(edge.getChildLotId())).append("\" [label=\"")
                    .append(dotText(quantityText(edge.getQuantity()))).append("\"];\n");
        }
        return dot.append("}\n").toString();
    }

    private static Map<String, Object> quantity(Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", quantity.getValue());
        json.put("uom", quantity.getUom());
        return json;
    }

    private static String quantityText(Quantity quantity) {
        return quantity == null ? "" : quantity.getValue() + " " + quantity.getUom();
    }

    private static String equipment(EquipmentRef equipment) {
        return equipment == null ? null : equipment.getId();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String dotText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
