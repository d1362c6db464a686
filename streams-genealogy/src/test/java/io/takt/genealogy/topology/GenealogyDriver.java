package io.takt.genealogy.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.genealogy.trace.LotGraph;
import io.takt.genealogy.trace.LotTrace;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.StreamsDeadLetters;
import io.takt.platform.serde.InMemorySchemaRegistry;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.GenealogyEdge;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MaterialLot;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.QualityResult;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WorkOrder;

/**
 * The genealogy topology in a TopologyTestDriver, with movements and results built in plant terms
 * and traces read from the driver's global stores, as the REST API reads them.
 */
final class GenealogyDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    static final java.time.Duration REORDER_WINDOW = java.time.Duration.ofSeconds(30);

    final TopicCatalogue topics = TopicCatalogue.forSite("site1", 1, 1);
    final GenealogyTopology.RecordSerdes serdes = GenealogyTopology.RecordSerdes.on(new InMemorySchemaRegistry());
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, MaterialMovement> movements;
    private final TestInputTopic<String, QualityResult> results;
    private long sequence;

    GenealogyDriver() {
        try {
            stateDir = Files.createTempDirectory("takt-genealogy-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamsBuilder builder = new StreamsBuilder();
        GenealogyTopology.build(builder, topics, serdes, REORDER_WINDOW, new GenealogyCounters(new SimpleMeterRegistry()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "takt-genealogy-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("processing.exception.handler.global.enabled", true);
        StreamsDeadLetters.configure(props, topics.deadLetter().name(), new DeadLetterMetrics(new SimpleMeterRegistry()));
        driver = new TopologyTestDriver(builder.build(), props);
        movements = driver.createInputTopic(topics.materialMovement().name(), new StringSerializer(),
                serdes.movements().serializer());
        results = driver.createInputTopic(topics.qualityResult().name(), new StringSerializer(),
                serdes.results().serializer());
    }

    /** Station {@code station} books {@code quantity} of lot {@code lot} in at {@code second}. */
    GenealogyDriver consumed(String station, String lot, String material, double quantity, int second) {
        return move(MovementKind.CONSUMED, station, lot, material, quantity, second, null, null);
    }

    /** Station {@code station} opens output lot {@code lot} at {@code second}. */
    GenealogyDriver produced(String station, String lot, String material, int second) {
        return move(MovementKind.PRODUCED, station, lot, material, 100, second, "WO-1", null);
    }

    GenealogyDriver producedSerial(String station, String lot, String material, int second, String serial) {
        return move(MovementKind.PRODUCED, station, lot, material, 1, second, "WO-1", serial);
    }

    GenealogyDriver move(MovementKind kind, String station, String lot, String material, double quantity, int second,
                         String order, String serial) {
        movements.pipeInput(lot, MaterialMovement.newBuilder()
                .setKind(kind).setLotId(lot).setSerialNumber(serial).setMaterialId(material)
                .setQuantity(new Quantity(quantity, "H87")).setWorkOrderId(order)
                .setEquipment(equipment(station))
                .setSourceTimestamp(T0.plusSeconds(second)).setReceiveTimestamp(T0.plusSeconds(second))
                .setSource(new SourceRef("gw-1", station + "." + kind)).setSequence(++sequence).build());
        return this;
    }

    GenealogyDriver inspected(String lot, String characteristic, InspectionResult verdict, int second) {
        results.pipeInput(lot, QualityResult.newBuilder()
                .setLotId(lot).setCharacteristic(characteristic).setMeasuredValue(1.0).setUom("mm")
                .setVerdict(verdict).setQuantity(1).setSourceTimestamp(T0.plusSeconds(second))
                .setReceiveTimestamp(T0.plusSeconds(second)).setSource(new SourceRef("qms", "lab"))
                .setSequence(++sequence).build());
        return this;
    }

    /** The edges on the genealogy topic by key, as compaction would leave them (tombstones remove). */
    Map<String, GenealogyEdge> edges() {
        return compacted(edgeChanges());
    }

    /** The records written to the genealogy topic since the last read, in order; a null value is a tombstone. */
    java.util.List<org.apache.kafka.streams.KeyValue<String, GenealogyEdge>> edgeChanges() {
        return driver.createOutputTopic(topics.genealogy().name(), new StringDeserializer(),
                serdes.edges().deserializer()).readKeyValuesToList();
    }

    /** The edges the records leave by key, as compaction would (tombstones remove). */
    static Map<String, GenealogyEdge> compacted(
            java.util.List<org.apache.kafka.streams.KeyValue<String, GenealogyEdge>> changes) {
        Map<String, GenealogyEdge> edges = new java.util.TreeMap<>();
        changes.forEach(change -> {
            if (change.value == null) {
                edges.remove(change.key);
            } else {
                edges.put(change.key, change.value);
            }
        });
        return edges;
    }

    /** The dead letters' reasons, in order. */
    java.util.List<String> deadLetterReasons() {
        return driver.createOutputTopic(topics.deadLetter().name(), new org.apache.kafka.common.serialization
                        .ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())
                .readRecordsToList().stream()
                .map(r -> io.takt.platform.deadletter.DeadLetterHeaders.read(r.headers(),
                        io.takt.platform.deadletter.DeadLetterHeaders.REASON).orElse("?"))
                .toList();
    }

    LotGraph graph() {
        return new LotGraph(driver.getKeyValueStore(GenealogyTopology.GRAPH),
                driver.getKeyValueStore(GenealogyTopology.LOT_INDEX),
                driver.getTimestampedKeyValueStore(GenealogyTopology.WORK_ORDERS),
                new LotGraph.Decoders(serdes.edges().deserializer(), serdes.lots().deserializer(),
                        TaktSerdes.specific(WorkOrder.class, new InMemorySchemaRegistry(), false).deserializer(),
                        topics));
    }

    LotTrace.Result backward(String lot, int depth) {
        return LotTrace.trace(graph(), lot, LotTrace.Direction.BACKWARD, depth);
    }

    LotTrace.Result forward(String lot, int depth) {
        return LotTrace.trace(graph(), lot, LotTrace.Direction.FORWARD, depth);
    }

    MaterialLot lot(String lot) {
        return graph().lot(lot).orElseThrow(() -> new AssertionError("no record of lot " + lot));
    }

    static EquipmentRef equipment(String station) {
        return EquipmentRef.newBuilder().setId("site1.area1.line1." + station).setEnterprise("acme").setSite("site1")
                .setArea("area1").setLine("line1").setMachine(station).build();
    }

    @Override
    public void close() {
        driver.close();
    }
}
