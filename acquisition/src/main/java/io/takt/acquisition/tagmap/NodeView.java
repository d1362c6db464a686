package io.takt.acquisition.tagmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its key path and line, read through SnakeYAML's composer so that every problem
 * can name the line. Scalars stay the text that was typed: the key decides what it means.
 */
final class NodeView {

    private final Node node;
    private final String path;
    private final Problems problems;

    NodeView(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    Problems problems() {
        return problems;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    void problem(String message) {
        problems.add(line(), path, message);
    }

    /** The scalar's text, or empty after reporting that a plain value was expected. */
    Optional<String> text() {
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problem("must be a plain value, not a " + kind());
        return Optional.empty();
    }

    /** The map, or an empty one after reporting that a map was expected. */
    MapView asMap() {
        if (node instanceof MappingNode mapping) {
            return new MapView(this, entries(mapping));
        }
        if (!isNull()) {
            problem("must be a map of keys, not a " + kind());
        }
        return new MapView(this, new LinkedHashMap<>());
    }

    /** The list's items, or none after reporting that a list was expected. */
    List<NodeView> asList() {
        List<NodeView> items = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            List<Node> values = sequence.getValue();
            for (int i = 0; i < values.size(); i++) {
                items.add(new NodeView(values.get(i), path + "[" + i + "]", problems));
            }
        } else if (!isNull()) {
            problem("must be a list (items starting with '- '), not a " + kind());
        }
        return items;
    }

    /** As plain Java, for maps handed on raw: text, {@code List} or {@code Map}; an empty value is "". */
    Object raw() {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        if (node instanceof SequenceNode) {
            return asList().stream().map(NodeView::raw).toList();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        asMap().forEach((key, value) -> map.put(key, value.raw()));
        return map;
    }

    boolean isNull() {
        return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue())
                && (scalar.getValue().isEmpty() || "~".equals(scalar.getValue()) || "null".equals(scalar.getValue()));
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return "map";
        }
        return node instanceof SequenceNode ? "list" : "plain value";
    }

    private LinkedHashMap<String, KeyedNode> entries(MappingNode mapping) {
        LinkedHashMap<String, KeyedNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(tuple.getKeyNode().getStartMark().getLine() + 1, path, "keys must be plain names");
                continue;
            }
            String key = keyNode.getValue();
            int keyLine = keyNode.getStartMark().getLine() + 1;
            String childPath = path.isEmpty() ? key : path + "." + key;
            KeyedNode previous = entries.get(key);
            if (previous != null) {
                problems.add(keyLine, childPath, "duplicate key (first at line " + previous.keyLine() + ")");
                continue;
            }
            entries.put(key, new KeyedNode(keyLine, new NodeView(tuple.getValueNode(), childPath, problems)));
        }
        return entries;
    }

    /** A map entry's value and the line of its key. */
    record KeyedNode(int keyLine, NodeView value) {
    }
}
