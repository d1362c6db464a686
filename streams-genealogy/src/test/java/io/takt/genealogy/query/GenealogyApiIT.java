package io.takt.genealogy.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.genealogy.GenealogyService;
import io.takt.oee.OeeService;
import io.takt.oee.OeeSettings;
import io.takt.genealogy.GenealogySettings;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.AvroSerializer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.QualityResult;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/** The trace API on a real broker: every endpoint, its formats and its refusals. */
@Tag("integration")
@Timeout(120)
class GenealogyApiIT {

    private static final String SITE = "gen-api";
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private long sequence;

    @Test
    void shouldAnswerTracesRecallsSerialsAndBatchRecords() throws Exception {
        TopicCatalogue topics = TopicCatalogue.forSite(SITE, 1, 1);
        // streams-oee beside it, which batch records ask for the station's OEE and stops
        try (ServiceMetrics oeeMetrics = ServiceMetrics.create("takt-oee");
             OeeService oee = OeeService.create(OeeSettings.DEFINITION.validate(ConfigSources.builder()
                     .overrides(Map.of("kafka.bootstrap.servers", backbone.bootstrapServers(),
                             "schema.registry.url", backbone.registryUrl(), "site", SITE, "topics.partitions", "1",
                             "topics.replication.factor", "1", OeeSettings.STATE_DIR.name(),
                             dir.resolve("oee").toString(), OeeSettings.HTTP_PORT.name(), "0")).build()), oeeMetrics)
                     .start();
             ServiceMetrics metrics = ServiceMetrics.create("takt-genealogy");
             GenealogyService genealogy = GenealogyService.create(GenealogySettings.DEFINITION.validate(
                     ConfigSources.builder().overrides(Map.of("kafka.bootstrap.servers", backbone.bootstrapServers(),
                             "schema.registry.url", backbone.registryUrl(), "site", SITE, "topics.partitions", "1",
                             "topics.replication.factor", "1", GenealogySettings.STATE_DIR.name(),
                             dir.resolve("state").toString(), GenealogySettings.HTTP_PORT.name(), "0",
                             GenealogySettings.SHIPMENT_MATERIALS.name(), "DELIVERY",
                             GenealogySettings.OEE_URL.name(), oee.url().toString())).build()), metrics).start();
             KafkaProducer<String, SpecificRecord> producer = producer()) {
            assertThat(genealogy.awaitRunning(Duration.ofSeconds(60))).isTrue();
            // Given coil RAW-1 pressed into blanks INT-1 and INT-2 (work order 1000004), INT-1 welded into
            // bracket FG-1 with serials SN-1 and SN-2, FG-1 inspected twice and shipped in delivery DLV-1
            producer.send(new ProducerRecord<>(topics.workOrder().name(), "1000004", workOrder()));
            move(producer, topics, "press", MovementKind.CONSUMED, "RAW-1", "STEEL", 500, 0, null);
            move(producer, topics, "press", MovementKind.PRODUCED, "INT-1", "BLANK", 100, 1, null);
            move(producer, topics, "press", MovementKind.PRODUCED, "INT-2", "BLANK", 100, 10, null);
            move(producer, topics, "weld", MovementKind.CONSUMED, "INT-1", "BLANK", 100, 20, null);
            move(producer, topics, "weld", MovementKind.PRODUCED, "FG-1", "BRACKET", 1, 21, "SN-1");
            move(producer, topics, "weld", MovementKind.PRODUCED, "FG-1", "BRACKET", 1, 22, "SN-2");
            inspect(producer, topics, "FG-1", "bore", InspectionResult.PASS, 30);
            inspect(producer, topics, "FG-1", "leak", InspectionResult.FAIL, 31);
            move(producer, topics, "ship", MovementKind.CONSUMED, "FG-1", "BRACKET", 2, 40, null);
            move(producer, topics, "ship", MovementKind.PRODUCED, "DLV-1", "DELIVERY", 1, 41, null);
            producer.flush();
            String api = genealogy.url() + "/api";
            await().atMost(Duration.ofSeconds(60)).until(() -> status(api + "/lots/DLV-1") == 200
                    && get(api + "/lots/FG-1").get("quality").asText().equals("FAIL"));

            // Then FG-1's backward trace: INT-1 at depth 1, RAW-1 at 2, with the edges' quantities
            JsonNode back = get(api + "/lots/FG-1/trace?direction=backward&depth=5");
            assertThat(back.get("nodes")).extracting(n -> n.get("lotId").asText() + "@" + n.get("depth").asInt())
                    .containsExactly("FG-1@0", "INT-1@1", "RAW-1@2");
            assertThat(back.get("edges")).extracting(e -> e.get("parent").asText() + ">" + e.get("child").asText()
                    + ":" + e.get("quantity").get("value").asDouble())
                    .containsExactlyInAnyOrder("INT-1>FG-1:100.0", "RAW-1>INT-1:500.0");
            assertThat(back.get("truncated").asBoolean()).isFalse();
            // And depth 1 says it was cut; the forward trace of the coil reaches the delivery
            assertThat(get(api + "/lots/FG-1/trace?depth=1").get("truncated").asBoolean()).isTrue();
            assertThat(get(api + "/lots/RAW-1/trace?direction=forward").get("nodes"))
                    .extracting(n -> n.get("lotId").asText()).containsExactly("RAW-1", "INT-1", "INT-2", "FG-1", "DLV-1");
            // And the same trace as GraphML and DOT
            assertThat(text(api + "/lots/FG-1/trace?format=graphml")).contains("<graphml", "<node id=\"RAW-1\">",
                    "<edge source=\"INT-1\" target=\"FG-1\">");
            assertThat(text(api + "/lots/FG-1/trace?format=dot")).startsWith("digraph \"FG-1\" {")
                    .contains("\"RAW-1\" -> \"INT-1\" [label=\"500.0 H87\"];");

            // And a serial finds its lot; the recall of the coil names FG-1 as finished, DLV-1 as shipment
            assertThat(get(api + "/serials/SN-2").get("lotId").asText()).isEqualTo("FG-1");
            JsonNode recall = get(api + "/recall?lots=RAW-1");
            assertThat(recall.get("affectedLots")).extracting(JsonNode::asText)
                    .containsExactly("INT-1", "INT-2", "FG-1", "DLV-1");
            assertThat(recall.get("finishedLots")).extracting(n -> n.get("lotId").asText())
                    .containsExactlyInAnyOrder("INT-2", "FG-1");
            assertThat(recall.get("shipments")).extracting(n -> n.get("lotId").asText()).containsExactly("DLV-1");

            // And INT-1's batch record: its order, its coil with the quantity booked, no inspections
            JsonNode record = get(api + "/lots/INT-1/batch-record");
            assertThat(record.get("lot").get("producedUntil").asText()).isEqualTo(T0.plusSeconds(10).toString());
            assertThat(record.get("workOrder").get("productId").asText()).isEqualTo("plate");
            assertThat(record.get("materials")).singleElement().satisfies(m -> {
                assertThat(m.get("lotId").asText()).isEqualTo("RAW-1");
                assertThat(m.get("quantityBooked").get("value").asDouble()).isEqualTo(500.0);
            });
            assertThat(get(api + "/lots/FG-1/batch-record").get("inspections")).hasSize(2);
            // (the OEE of its press from streams-oee: no machine events here, so no windows and no stops)
            JsonNode stationOee = record.get("oee");
            assertThat(stationOee.get("source").asText()).isEqualTo(oee.url().toString());
            assertThat(stationOee.get("windows").isArray()).as(stationOee.toString()).isTrue();
            assertThat(stationOee.get("downtime").isArray()).as(stationOee.toString()).isTrue();

            // And what cannot be answered says why
            assertThat(status(api + "/lots/NOPE/trace")).isEqualTo(404);
            assertThat(status(api + "/lots/FG-1/trace?depth=999")).isEqualTo(400);
            assertThat(text(api + "/lots/FG-1/trace?depth=999")).contains("genealogy.trace.max-depth");
            assertThat(status(api + "/lots/FG-1/trace?format=pdf")).isEqualTo(400);
            assertThat(status(api + "/lots/FG-1/trace?direction=sideways")).isEqualTo(400);
            assertThat(status(api + "/recall")).isEqualTo(400);
        }
    }

    private void move(KafkaProducer<String, SpecificRecord> producer, TopicCatalogue topics, String station,
                      MovementKind kind, String lot, String material, double quantity, int second, String serial) {
        producer.send(new ProducerRecord<>(topics.materialMovement().name(), lot, MaterialMovement.newBuilder()
                .setKind(kind).setLotId(lot).setSerialNumber(serial).setMaterialId(material)
                .setQuantity(new Quantity(quantity, "H87")).setWorkOrderId("1000004")
                .setEquipment(EquipmentRef.newBuilder().setId("site1.area1.line2." + station).setEnterprise("acme")
                        .setSite("site1").setArea("area1").setLine("line2").setMachine(station).build())
                .setSourceTimestamp(T0.plusSeconds(second)).setReceiveTimestamp(T0.plusSeconds(second))
                .setSource(new SourceRef("gw-1", station + "." + kind)).setSequence(++sequence).build()));
    }

    private void inspect(KafkaProducer<String, SpecificRecord> producer, TopicCatalogue topics, String lot,
                         String characteristic, InspectionResult verdict, int second) {
        producer.send(new ProducerRecord<>(topics.qualityResult().name(), lot, QualityResult.newBuilder()
                .setLotId(lot).setCharacteristic(characteristic).setVerdict(verdict).setQuantity(1)
                .setSourceTimestamp(T0.plusSeconds(second)).setReceiveTimestamp(T0.plusSeconds(second))
                .setSource(new SourceRef("qms", "lab")).setSequence(++sequence).build()));
    }

    private static WorkOrder workOrder() {
        return WorkOrder.newBuilder().setWorkOrderId("1000004").setProductId("plate")
                .setPlannedQuantity(new Quantity(480.0, "H87")).setStatus(WorkOrderStatus.IN_PROGRESS)
                .setIdealCycleTimes(List.of()).setLastChangedAt(T0).build();
    }

    private KafkaProducer<String, SpecificRecord> producer() {
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, backbone.registryUrl()), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers()),
                new StringSerializer(), values);
    }

    private JsonNode get(String url) throws Exception {
        return json.readTree(text(url));
    }

    private String text(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
