package io.takt.genealogy.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global graph store from the genealogy topic: each edge under its child (for backward
 * traces) and under its parent (for forward traces), as the topic's bytes; a tombstone removes both.
 */
final class GraphIndex implements Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, byte[]> graph;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        graph = context.getStateStore(GenealogyTopology.GRAPH);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        int bar = record.key().indexOf('|');
        if (bar < 0) {
            return; // not an edge key; nothing else is written to the topic
        }
        String child = record.key().substring(0, bar);
        String parent = record.key().substring(bar + 1);
        if (record.value() == null) {
            graph.delete(GraphKeys.parentEdge(child, parent));
            graph.delete(GraphKeys.childEdge(parent, child));
        } else {
            graph.put(GraphKeys.parentEdge(child, parent), record.value());
            graph.put(GraphKeys.childEdge(parent, child), record.value());
        }
    }
}
