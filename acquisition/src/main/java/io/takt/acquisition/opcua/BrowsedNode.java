package io.takt.acquisition.opcua;

import java.util.List;

/**
 * One node of a browsed OPC UA address space, with its children down to the requested depth.
 *
 * @param nodeId      the node id to put in a tag list, e.g. {@code ns=2;s=Line1.Press1.State}
 * @param browseName  its browse name, without the namespace index
 * @param nodeClass   Object, Variable, View, …
 * @param dataType    for variables, the data type's name (Int32, Double, …); empty otherwise
 * @param accessLevel for variables, {@code read}, {@code write}, {@code read/write} or {@code none}; empty
 *                    otherwise
 * @param children    the nodes it organises or contains, in browse order
 */
public record BrowsedNode(String nodeId, String browseName, String nodeClass, String dataType, String accessLevel,
        List<BrowsedNode> children) {

    public BrowsedNode {
        children = List.copyOf(children);
    }

    /** Whether this is a variable, i.e. something a tag can monitor. */
    public boolean isVariable() {
        return "Variable".equals(nodeClass);
    }

    /** This node and all below it, depth first. */
    public List<BrowsedNode> flatten() {
        List<BrowsedNode> all = new java.util.ArrayList<>();
        collect(this, all);
        return all;
    }

    /**
     * An indented listing for a terminal, one node a line:
     * <pre>
     * Objects  i=85  Object
     *   Press1  ns=2;s=Line1.Press1  Object
     *     State  ns=2;s=Line1.Press1.State  Variable  Int32  read
     * </pre>
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        append(out, this, 0);
        return out.toString();
    }

    private static void collect(BrowsedNode node, List<BrowsedNode> all) {
        all.add(node);
        node.children().forEach(child -> collect(child, all));
    }

    private static void append(StringBuilder out, BrowsedNode node, int level) {
        out.append("  ".repeat(level)).append(node.browseName()).append("  ").append(node.nodeId()).append("  ")
                .append(node.nodeClass());
        if (node.isVariable()) {
            out.append("  ").append(node.dataType()).append("  ").append(node.accessLevel());
        }
        out.append(System.lineSeparator());
        node.children().forEach(child -> append(out, child, level + 1));
    }
}
