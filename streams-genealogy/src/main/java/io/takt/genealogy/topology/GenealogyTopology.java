package io.takt.genealogy.topology;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import io.takt.platform.deadletter.RejectedRecordException;
import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.MaterialLot;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.QualityResult;

/**
 * The lot genealogy: movements are linked per station ({@link LotLinker}) into edges on the
 * genealogy topic, and added up per lot ({@link LotBook}) with the lot's quality results into
 * records on the material-lot topic. Every instance then reads both topics into global stores
 * (the whole graph, both ways, and every lot), which the trace queries read.
 */
public final class GenealogyTopology {

    static final String STATIONS = "genealogy-stations";
    static final String LOTS = "genealogy-lots";
    /** Global store of the edges, under their child and their parent ({@link GraphKeys}). */
    public static final String GRAPH = "genealogy-graph";
    /** Global store of the lots and their serial numbers ({@link GraphKeys}). */
    public static final String LOT_INDEX = "genealogy-lot-index";
    /** Global store of the work orders as the topic's bytes, for batch records. */
    public static final String WORK_ORDERS = "genealogy-work-orders";

    /** Reason of a movement or result whose lot id the graph cannot key. */
    public static final String INVALID_LOT_ID = "invalid-lot-id";

    /** The Avro serdes of the records the topology reads and writes. */
    public record RecordSerdes(Serde<MaterialMovement> movements, Serde<QualityResult> results,
                               Serde<GenealogyEdge> edges, Serde<MaterialLot> lots) {

        public static RecordSerdes on(SchemaRegistryClient registry) {
            return new RecordSerdes(TaktSerdes.specific(MaterialMovement.class, registry, false),
                    TaktSerdes.specific(QualityResult.class, registry, false),
                    TaktSerdes.specific(GenealogyEdge.class, registry, false),
                    TaktSerdes.specific(MaterialLot.class, registry, false));
        }
    }

    private GenealogyTopology() {
    }

    /** The genealogy topic's key of an edge. */
    public static String edgeKey(String child, String parent) {
        return child + "|" + parent;
    }

    /**
     * @param reorderWindow how much event time movements of one station may arrive out of order and
     *                      still be placed (they travel on the partitions of their lots)
     */
    public static void build(StreamsBuilder builder, TopicCatalogue topics, RecordSerdes serdes,
                             Duration reorderWindow, GenealogyCounters counters) {
        // Cached: a station or lot changing many times between two commits goes to its changelog once.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATIONS), Serdes.String(),
                StationLots.serde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOTS), Serdes.String(),
                serdes.lots()).withCachingEnabled());
        Serde<LotEvent> lotEvents = LotEvent.serde(serdes.movements(), serdes.results());

        KStream<String, StationOutput> linked = builder.stream(topics.materialMovement().name(),
                        Consumed.with(Serdes.String(), serdes.movements()).withName("genealogy-movement-source"))
                .processValues(LotIdCheck::new, Named.as("genealogy-movement-check"))
                .selectKey((lot, movement) -> movement.getEquipment().getId(), Named.as("genealogy-by-station"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.movements())
                        .withName("genealogy-movements-by-station"))
                .process(() -> new LotLinker(reorderWindow, counters), Named.as("genealogy-lot-linker"), STATIONS);
        linked.filter((key, out) -> out instanceof StationOutput.EdgeChange, Named.as("genealogy-edges"))
                .mapValues(out -> ((StationOutput.EdgeChange) out).edge(), Named.as("genealogy-edge-value"))
                .to(topics.genealogy().name(), Produced.with(Serdes.String(), serdes.edges())
                        .withName("genealogy-edge-sink"));

        // Facts of a lot go to its partition, where its quality results already are: the same
        // partition count as the result topic, so that the two meet in one task.
        KStream<String, LotEvent> facts = linked
                .filter((key, out) -> out instanceof LotEvent, Named.as("genealogy-lot-facts"))
                .mapValues(out -> (LotEvent) out, Named.as("genealogy-lot-fact"))
                .repartition(Repartitioned.with(Serdes.String(), lotEvents).withName("genealogy-facts-by-lot")
                        .withNumberOfPartitions(topics.qualityResult().partitions()));
        KStream<String, LotEvent> results = builder.stream(topics.qualityResult().name(),
                        Consumed.with(Serdes.String(), serdes.results()).withName("genealogy-result-source"))
                .processValues(LotIdCheck::new, Named.as("genealogy-result-check"))
                .mapValues(result -> (LotEvent) new LotEvent.Inspected(result), Named.as("genealogy-result-event"));
        facts.merge(results, Named.as("genealogy-lot-events"))
                .process(LotBook::new, Named.as("genealogy-lot-book"), LOTS)
                .to(topics.materialLot().name(), Produced.with(Serdes.String(), serdes.lots())
                        .withName("genealogy-lot-sink"));

        queryStores(builder, topics, serdes);
    }

    private static void queryStores(StreamsBuilder builder, TopicCatalogue topics, RecordSerdes serdes) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(GRAPH), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(), topics.genealogy().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("genealogy-graph-source"), GraphIndex::new);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOT_INDEX),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(), topics.materialLot().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("genealogy-lot-index-source"),
                () -> new LotIndex(topics.materialLot().name(), serdes.lots().deserializer()));
        builder.globalTable(topics.workOrder().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("genealogy-work-order-source"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(WORK_ORDERS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
    }

    /** Refuses a lot id the graph's keys cannot hold, before anything is changed. */
    private static final class LotIdCheck<V> implements FixedKeyProcessor<String, V, V> {

        private FixedKeyProcessorContext<String, V> context;

        @Override
        public void init(FixedKeyProcessorContext<String, V> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            String lot = record.key();
            if (lot == null || lot.isEmpty() || lot.indexOf('|') >= 0 || lot.indexOf(GraphKeys.SEPARATOR) >= 0) {
                throw new RejectedRecordException(INVALID_LOT_ID, "Lot id '" + lot + "' is empty or holds '|' or a "
                        + "control character; the genealogy cannot key it");
            }
            context.forward(record);
        }
    }
}
