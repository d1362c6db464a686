package io.takt.genealogy.trace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import io.takt.genealogy.topology.GraphKeys;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.MaterialLot;
import io.takt.schemas.WorkOrder;

/**
 * The lot graph as the query stores hold it on this instance (whole, in global stores): a lot's
 * record, the edges to its parents and children, the lot of a serial number, and work orders.
 */
public final class LotGraph {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, byte[]> graph;
    private final ReadOnlyKeyValueStore<String, byte[]> lots;
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> workOrders;
    private final Decoders decoders;

    /** Deserializers of the stores' bytes (the topics' Avro records), and the topics they came from. */
    public record Decoders(Deserializer<GenealogyEdge> edges, Deserializer<MaterialLot> lots,
                           Deserializer<WorkOrder> workOrders, TopicCatalogue topics) {
    }

    public LotGraph(ReadOnlyKeyValueStore<String, byte[]> graph, ReadOnlyKeyValueStore<String, byte[]> lots,
                    ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> workOrders, Decoders decoders) {
        this.graph = graph;
        this.lots = lots;
        this.workOrders = workOrders;
        this.decoders = decoders;
    }

    public Optional<MaterialLot> lot(String lotId) {
        byte[] bytes = lots.get(GraphKeys.lot(lotId));
        return bytes == null ? Optional.empty() : Optional.of(decoders.lots().deserialize(decoders.topics().materialLot().name(), bytes));
    }

    /** The lot holding a serial number. */
    public Optional<String> lotOfSerial(String serialNumber) {
        byte[] bytes = lots.get(GraphKeys.serial(serialNumber));
        return bytes == null ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Edges from {@code lotId} to the lots it was made from. */
    public List<GenealogyEdge> parents(String lotId) {
        return edges(GraphKeys.parentsOf(lotId));
    }

    /** Edges from {@code lotId} to the lots made from it. */
    public List<GenealogyEdge> children(String lotId) {
        return edges(GraphKeys.childrenOf(lotId));
    }

    /** Whether {@code lotId} was made from any lot (a prefix scan that reads no edge). */
    public boolean hasParents(String lotId) {
        return hasAny(GraphKeys.parentsOf(lotId));
    }

    /** Whether anything was made from {@code lotId} (a prefix scan that reads no edge). */
    public boolean hasChildren(String lotId) {
        return hasAny(GraphKeys.childrenOf(lotId));
    }

    private boolean hasAny(String prefix) {
        try (KeyValueIterator<String, byte[]> found = graph.prefixScan(prefix, KEYS)) {
            return found.hasNext();
        }
    }

    public Optional<WorkOrder> workOrder(String workOrderId) {
        ValueAndTimestamp<byte[]> bytes = workOrderId == null ? null : workOrders.get(workOrderId);
        return bytes == null ? Optional.empty() : Optional.of(decoders.workOrders().deserialize(decoders.topics().workOrder().name(), bytes.value()));
    }

    private List<GenealogyEdge> edges(String prefix) {
        List<GenealogyEdge> edges = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> found = graph.prefixScan(prefix, KEYS)) {
            while (found.hasNext()) {
                KeyValue<String, byte[]> edge = found.next();
                edges.add(decoders.edges().deserialize(decoders.topics().genealogy().name(), edge.value));
            }
        }
        return edges;
    }
}
