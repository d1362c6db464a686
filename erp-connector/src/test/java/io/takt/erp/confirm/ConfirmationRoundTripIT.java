package io.takt.erp.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.takt.erp.EmbeddedErp;
import io.takt.erp.ErpDatabase;
import io.takt.erp.ErpService;
import io.takt.erp.ErpSettings;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.AvroSerializer;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.SourceRef;

/**
 * The way back on real components: machine events on an in-process broker, the confirmation stream,
 * the Debezium JDBC sink in an in-process Kafka Connect worker, and the embedded ERP database.
 */
@Tag("integration")
class ConfirmationRoundTripIT {

    private static final String SITE = "erp-rt";
    private static final String PRESS = "site1.area1.line2.press";
    private static final String WELD = "site1.area1.line2.weld";
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @RegisterExtension
    static final KafkaBackbone BACKBONE = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private final TopicCatalogue topics = TopicCatalogue.forSite(SITE, 2, 1);

    @Test
    @Timeout(240)
    void shouldBookAnOrdersCountsIntoTheErpOnceAndRewriteTheSameRowsWhenTheTopicIsReplayed() throws Exception {
        // The ERP database outlives the connector here, as a real one does
        try (EmbeddedErp erp = EmbeddedErp.start(dir.resolve("pg"))) {
            ErpDatabase database = erp.database();
            try (ServiceMetrics metrics = ServiceMetrics.create("erp-it");
                 ErpService connector = ErpService.create(config(database), metrics).start();
                 var events = eventProducer()) {
                // Given seed order 1000004 (n = 4: MAT-300 on line 2; pressing is operation 10, welding
                // 20): the press runs from 0 s and goes idle at 120 s, counting 40 good + 2 scrap at 30 s
                // and 38 good + 1 rework at 90 s; the welder then counts 77 good at 200 s
                send(events, topics.machineState().name(), PRESS, state(PRESS, 0, 1, MachineState.RUNNING));
                send(events, topics.productionCount().name(), PRESS, count(PRESS, 30, 1, 40, 2, 0));
                send(events, topics.productionCount().name(), PRESS, count(PRESS, 90, 2, 38, 0, 1));
                send(events, topics.machineState().name(), PRESS, state(PRESS, 120, 2, MachineState.IDLE));
                send(events, topics.productionCount().name(), WELD, count(WELD, 200, 1, 77, 0, 0));
                events.flush();

                // Then the ERP has one row per machine: the press's 78 good, 2 scrap, 1 rework pieces (ST),
                // 30-90 s, running 30-120 s = 90,000 ms (from the order's first count); the welder's 77
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    Map<String, Map<String, Object>> rows = rows(database);
                    assertThat(rows).containsOnlyKeys("1000004/" + PRESS, "1000004/" + WELD);
                    assertThat(rows.get("1000004/" + PRESS)).containsAllEntriesOf(pressRow());
                    assertThat(rows.get("1000004/" + WELD)).containsEntry("operation_no", 20)
                            .containsEntry("good_qty", "77").containsEntry("scrap_qty", "0");
                });
            }

            // When, with the connector stopped, the sink's position is lost and the rows are changed
            try (Admin admin = BACKBONE.admin();
                 Connection sql = connect(database);
                 Statement statement = sql.createStatement()) {
                admin.deleteConsumerGroups(List.of("connect-" + ConfirmationSink.CONNECTOR)).all().get();
                assertThat(statement.executeUpdate("UPDATE erp.confirmation SET good_qty = 0")).isEqualTo(2);
            }
            try (ServiceMetrics metrics = ServiceMetrics.create("erp-it");
                 ErpService connector = ErpService.create(config(database), metrics).start()) {
                // Then the replay of the whole topic rewrites the same two rows with the same figures:
                // nothing booked twice
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    Map<String, Map<String, Object>> rows = rows(database);
                    assertThat(rows).containsOnlyKeys("1000004/" + PRESS, "1000004/" + WELD);
                    assertThat(rows.get("1000004/" + PRESS)).containsAllEntriesOf(pressRow());
                    assertThat(rows.get("1000004/" + WELD)).containsEntry("good_qty", "77");
                });
            }
        }
    }

    private static Map<String, Object> pressRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("order_no", "1000004");
        row.put("operation_no", 10);
        row.put("good_qty", "78");
        row.put("scrap_qty", "2");
        row.put("rework_qty", "1");
        row.put("uom", "ST");
        row.put("actual_start", T0.plusSeconds(30));
        row.put("actual_end", T0.plusSeconds(90));
        row.put("machine_time_ms", 90_000L);
        return row;
    }

    private TaktConfig config(ErpDatabase database) throws Exception {
        Path mapping = dir.resolve("mapping.properties");
        try (InputStream standIn = EmbeddedErp.class.getResourceAsStream("stand-in-mapping.properties")) {
            Files.copy(standIn, mapping, StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> settings = new HashMap<>(Map.of(
                "site", SITE, "kafka.bootstrap.servers", BACKBONE.bootstrapServers(),
                "schema.registry.url", BACKBONE.registryUrl(), "topics.partitions", "2",
                "topics.replication.factor", "1", ErpSettings.STATE_DIR.name(), dir.resolve("erp").toString(),
                ErpSettings.CONFIRMATION_INTERVAL.name(), "500ms", ErpSettings.JDBC_URL.name(), database.jdbcUrl(),
                ErpSettings.USER.name(), database.user(), ErpSettings.MAPPING_FILE.name(), mapping.toString()));
        settings.put(ErpSettings.PASSWORD.name(), database.password());
        settings.put(ErpSettings.HTTP_PORT.name(), "0");
        return ErpSettings.DEFINITION.validate(ConfigSources.builder().overrides(settings).build());
    }

    /** The ERP's confirmation rows by id; quantities as plain numbers, times as instants. */
    private static Map<String, Map<String, Object>> rows(ErpDatabase database) throws Exception {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (Connection sql = connect(database);
             Statement statement = sql.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM erp.confirmation")) {
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                row.put("order_no", result.getString("order_no"));
                row.put("operation_no", result.getObject("operation_no"));
                for (String quantity : List.of("good_qty", "scrap_qty", "rework_qty")) {
                    row.put(quantity, result.getBigDecimal(quantity).stripTrailingZeros().toPlainString());
                }
                row.put("uom", result.getString("uom"));
                row.put("actual_start", result.getTimestamp("actual_start").toInstant());
                row.put("actual_end", result.getTimestamp("actual_end").toInstant());
                row.put("machine_time_ms", result.getLong("machine_time_ms"));
                rows.put(result.getString("confirmation_id"), row);
            }
        }
        return rows;
    }

    private static Connection connect(ErpDatabase database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private KafkaProducer<String, SpecificRecord> eventProducer() {
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, BACKBONE.registryUrl()), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BACKBONE.bootstrapServers()),
                new StringSerializer(), values);
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String key,
                             SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    private static MachineStateChanged state(String machine, int second, long sequence, MachineState state) {
        return MachineStateChanged.newBuilder().setEquipment(equipment(machine)).setState(state)
                .setRawState(state.name()).setSourceTimestamp(T0.plusSeconds(second))
                .setReceiveTimestamp(T0.plusSeconds(second)).setSource(new SourceRef("gw-1", machine + ".State"))
                .setSequence(sequence).build();
    }

    private static ProductionCount count(String machine, int second, long sequence, long good, long scrap,
                                         long rework) {
        return ProductionCount.newBuilder().setEquipment(equipment(machine)).setGoodQuantity(good)
                .setScrapQuantity(scrap).setReworkQuantity(rework).setWorkOrderId("1000004")
                .setSourceTimestamp(T0.plusSeconds(second)).setReceiveTimestamp(T0.plusSeconds(second))
                .setSource(new SourceRef("gw-1", machine + ".Count")).setSequence(sequence).build();
    }

    private static EquipmentRef equipment(String id) {
        String[] path = id.split("\\.");
        return EquipmentRef.newBuilder().setId(id).setEnterprise("acme").setSite(path[0]).setArea(path[1])
                .setLine(path[2]).setMachine(path[3]).build();
    }
}
