package io.takt.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.platform.deadletter.DeadLetterHeaders;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.DeadLetterPublisher;
import io.takt.platform.serde.AvroSerde;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/**
 * The downward path on real components: the embedded ERP database (PostgreSQL with the stand-in
 * schema and its 300 seed orders), the Debezium engine, an in-process broker and registry.
 */
@Tag("integration")
class WorkOrderCaptureIT {

    @RegisterExtension
    static final KafkaBackbone BACKBONE = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private final AvroSerde<WorkOrder> serde = TaktSerdes.specific(WorkOrder.class,
            Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, BACKBONE.registryUrl()), false);
    private final Map<String, Object> producerConfigs = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            BACKBONE.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    private final Map<String, WorkOrder> orders = new ConcurrentHashMap<>();
    private final Map<String, String> deadLetters = new ConcurrentHashMap<>();
    // The work-center topic as a compacted table: key -> order, or no entry after a tombstone.
    private final Map<String, WorkOrder> workCenterOrders = new ConcurrentHashMap<>();

    @Test
    @Timeout(180)
    void shouldPutEveryOrderOnTheStreamWithTaktIdsAndSendUnmappedOnesToTheDeadLetterTopic() throws Exception {
        TopicCatalogue topics = BACKBONE.provisionSite("erp-it");
        try (EmbeddedErp erp = EmbeddedErp.start(dir.resolve("pg"));
             var producer = new KafkaProducer<>(producerConfigs, new StringSerializer(), serde.serializer());
             var letters = deadLetters(topics);
             var capture = new WorkOrderCapture(new WorkOrderCapture.Settings(erp.database(), "takt_erp_it",
                     "takt_erp_it", dir.resolve("offsets.dat"), topics.workOrder().name(),
                     topics.workCenterOrders().name()), mapping(), producer,
                     letters).start();
             var reader = new OutputReader(topics, serde)) {
            // Given the 300 seed orders, taken by the snapshot
            reader.awaitOrders(300);

            // Then order 1000001 (n = 1: MAT-110, 250 ST on WC-L2-PRESS, REL) carries Takt's ids and units,
            // and one PRU per operation: (200 + 40 x step + 20 x 1) s per 100 pieces = 2,600 / 3,000 / 3,400 ms
            WorkOrder first = orders.get("1000001");
            assertThat(first.getProductId()).isEqualTo("bracket-3mm");
            assertThat(first.getEquipmentId()).isEqualTo("site1.area1.line2.press");
            assertThat(first.getErpWorkCenter()).isEqualTo("WC-L2-PRESS");
            assertThat(first.getStatus()).isEqualTo(WorkOrderStatus.RELEASED);
            assertThat(first.getPlannedQuantity().getValue()).isEqualTo(250.0);
            assertThat(first.getPlannedQuantity().getUom()).isEqualTo("H87");
            assertThat(first.getIdealCycleTimes()).extracting(IdealCycleTime::getEquipmentId,
                            IdealCycleTime::getMillisPerUnit)
                    .containsExactly(tuple("site1.area1.line2.press", 2600.0), tuple("site1.area1.line2.weld", 3000.0),
                            tuple("site1.area1.line2.pack", 3400.0));
            assertThat(first.getIdealCycleTimes()).extracting(IdealCycleTime::getOperation).containsExactly(10, 20, 30);
            // And order 1000004 (MAT-300, 20 cartons of 24) is planned in pieces: 480
            assertThat(orders.get("1000004").getPlannedQuantity().getValue()).isEqualTo(480.0);
            // And the work centers' open orders are the seed's CRTD, REL and PCNF ones: n % 7 in {0, 1, 2, 3},
            // 42 + 43 + 43 + 43 = 171 of the 300
            assertThat(openOrders()).hasSize(171).containsKey("site1.area1.line2.press|1000001");

            // When a new order is created, then released
            try (Connection sql = DriverManager.getConnection(erp.database().jdbcUrl(), erp.database().user(),
                    erp.database().password()); Statement statement = sql.createStatement()) {
                statement.execute("BEGIN; INSERT INTO erp.production_order (order_no, material_code, planned_qty, uom, "
                        + "work_center_id, status) VALUES ('2000001', 'MAT-100', 100, 'ST', 'WC-L1-PRESS', 'CRTD'); "
                        + "INSERT INTO erp.order_operation VALUES ('2000001', 10, 'WC-L1-PRESS', 100, 250); COMMIT");
                reader.awaitOrder("2000001", WorkOrderStatus.CREATED);
                statement.execute("UPDATE erp.production_order SET status = 'REL', version = 2 "
                        + "WHERE order_no = '2000001'");
                reader.awaitOrder("2000001", WorkOrderStatus.RELEASED);
                // Then its PRU is 250 s / 100 pieces = 2,500 ms on line 1's press
                assertThat(orders.get("2000001").getIdealCycleTimes()).singleElement()
                        .extracting(IdealCycleTime::getMillisPerUnit).isEqualTo(2500.0);

                // When an order is planned on a work center the mapping does not know
                statement.execute("INSERT INTO erp.work_center VALUES ('WC-L9-PRESS', 'Line 9 press', '1000'); "
                        + "INSERT INTO erp.production_order (order_no, material_code, planned_qty, uom, "
                        + "work_center_id, status) VALUES ('2000002', 'MAT-100', 10, 'ST', 'WC-L9-PRESS', 'REL')");
                // Then it goes to the dead-letter topic with the reason, and the capture goes on
                reader.awaitDeadLetter("2000002");
                assertThat(deadLetters.get("2000002")).isEqualTo(UnmappedCodeException.REASON);
                assertThat(orders).doesNotContainKey("2000002");
                statement.execute("UPDATE erp.production_order SET status = 'PCNF' WHERE order_no = '2000001'");
                reader.awaitOrder("2000001", WorkOrderStatus.IN_PROGRESS);
                assertThat(capture.rejected()).isEqualTo(1);
                assertThat(openOrders()).containsKey("site1.area1.line1.press|2000001");

                // When the order moves to line 2's press, then is technically completed there
                statement.execute("UPDATE erp.production_order SET work_center_id = 'WC-L2-PRESS' "
                        + "WHERE order_no = '2000001'");
                reader.awaitWorkCenterKey("site1.area1.line2.press|2000001", true);
                // Then line 1 no longer lists it, line 2 does, until it is done
                assertThat(openOrders()).doesNotContainKey("site1.area1.line1.press|2000001");
                statement.execute("UPDATE erp.production_order SET status = 'TECO' WHERE order_no = '2000001'");
                reader.awaitWorkCenterKey("site1.area1.line2.press|2000001", false);
                assertThat(openOrders()).hasSize(171);

                // When released order 1000001 is flagged for deletion, and released order 1000008 (n = 8,
                // line 3) is deleted with its routing and status history in one transaction
                statement.execute("UPDATE erp.production_order SET status = 'DLFL' WHERE order_no = '1000001'");
                statement.execute("BEGIN; DELETE FROM erp.order_operation WHERE order_no = '1000008'; "
                        + "DELETE FROM erp.production_order_status WHERE order_no = '1000008'; "
                        + "DELETE FROM erp.production_order WHERE order_no = '1000008'; COMMIT");
                // Then both are CANCELLED and gone from their work centers' open orders
                reader.awaitOrder("1000001", WorkOrderStatus.CANCELLED);
                reader.awaitOrder("1000008", WorkOrderStatus.CANCELLED);
                reader.awaitWorkCenterKey("site1.area1.line3.press|1000008", false);
                assertThat(openOrders()).hasSize(169).doesNotContainKey("site1.area1.line2.press|1000001");

                // When the carton of MAT-300 changes from 24 to 20 pieces in the material master
                statement.execute("UPDATE erp.material_uom SET base_per_alt = 20 "
                        + "WHERE material_code = 'MAT-300' AND alt_uom = 'KAR'");
                // Then its open carton orders (n % 12 = 4) are planned in the new pieces: 1000016 (n % 7 = 2,
                // REL) and 1000028 (n % 7 = 0, CRTD) 20 x 20 = 400; the confirmed 1000004 (n % 7 = 4) keeps 480
                reader.awaitPlanned("1000016", 400.0);
                reader.awaitPlanned("1000028", 400.0);
                assertThat(workCenterOrders.get("site1.area1.line2.press|1000016").getPlannedQuantity().getValue())
                        .isEqualTo(400.0);
                assertThat(orders.get("1000004").getPlannedQuantity().getValue()).isEqualTo(480.0);
            }
        }
    }

    @Test
    @Timeout(240)
    void shouldEndWithEveryOrdersLastStateWhenRestartedInABurstAndGoOnAfterTheTableChanged() throws Exception {
        TopicCatalogue topics = BACKBONE.provisionSite("erp-restart");
        IdentityMapping mapping = mapping();
        try (EmbeddedErp erp = EmbeddedErp.start(dir.resolve("pg"));
             var producer = new KafkaProducer<>(producerConfigs, new StringSerializer(), serde.serializer());
             var letters = deadLetters(topics);
             var reader = new OutputReader(topics, serde);
             Connection sql = DriverManager.getConnection(erp.database().jdbcUrl(), erp.database().user(),
                     erp.database().password());
             Statement statement = sql.createStatement()) {
            WorkOrderCapture.Settings settings = new WorkOrderCapture.Settings(erp.database(), "takt_erp_restart",
                    "takt_erp_restart", dir.resolve("offsets.dat"), topics.workOrder().name(),
                    topics.workCenterOrders().name());
            WorkOrderCapture first = new WorkOrderCapture(settings, mapping, producer, letters).start();
            reader.awaitOrders(300);

            // When 10,000 updates are committed one by one (update i sets order 1000000 + (i % 300) + 1 to
            // 10,000 + i pieces), and the connector is stopped after the 3,000th and started again
            int updates = 10_000;
            for (int i = 0; i < updates; i++) {
                statement.execute("UPDATE erp.production_order SET planned_qty = " + (10_000 + i)
                        + ", version = version + 1 WHERE order_no = '" + (1_000_000 + i % 300 + 1) + "'");
                if (i == 3_000) {
                    first.close();
                }
            }
            try (WorkOrderCapture second = new WorkOrderCapture(settings, mapping, producer, letters).start()) {
                // Then every order ends with its last update: order 1000000 + k + 1 with 10,000 + the largest
                // i below 10,000 with i % 300 = k, i.e. 9,900 + k for k < 100 and 9,600 + k above, in pieces
                // (the seed's carton orders, n % 12 = 4 with n = k + 1, hold 24 pieces a unit)
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    reader.poll();
                    for (int k = 0; k < 300; k++) {
                        WorkOrder order = orders.get(String.valueOf(1_000_000 + k + 1));
                        int last = k < 100 ? 9_900 + k : 9_600 + k;
                        int piecesPerUnit = (k + 1) % 12 == 4 ? 24 : 1;
                        if (order == null || order.getPlannedQuantity().getValue() != (10_000 + last) * piecesPerUnit) {
                            return false;
                        }
                    }
                    return true;
                });
                assertThat(orders.get("1000001").getPlannedQuantity().getValue()).isEqualTo(19_900.0);
                assertThat(orders.get("1000004").getPlannedQuantity().getValue()).isEqualTo(19_903.0 * 24);
                assertThat(orders.get("1000300").getPlannedQuantity().getValue()).isEqualTo(19_899.0);

                // When the ERP's order table gains a column, and another is added and renamed
                statement.execute("ALTER TABLE erp.production_order ADD COLUMN priority integer DEFAULT 3; "
                        + "ALTER TABLE erp.production_order ADD COLUMN planner text; "
                        + "ALTER TABLE erp.production_order RENAME COLUMN planner TO mrp_controller");
                statement.execute("UPDATE erp.production_order SET status = 'CLSD', priority = 1, "
                        + "mrp_controller = 'P01' WHERE order_no = '1000002'");
                // Then its changes still come through
                reader.awaitOrder("1000002", WorkOrderStatus.CLOSED);
                assertThat(second.rejected()).isZero();
            }
        }
    }

    private Map<String, WorkOrder> openOrders() {
        return Map.copyOf(workCenterOrders);
    }

    private DeadLetterPublisher deadLetters(TopicCatalogue topics) {
        return DeadLetterPublisher.create(producerConfigs, topics.deadLetter().name(), "takt-erp",
                new DeadLetterMetrics(new SimpleMeterRegistry()));
    }

    private IdentityMapping mapping() throws Exception {
        StringBuilder lines = new StringBuilder("uom.ST = H87\n");
        for (int line = 1; line <= 3; line++) {
            for (String step : List.of("PRESS", "WELD", "PACK")) {
                lines.append("work-center.WC-L").append(line).append('-').append(step).append(" = site1.area1.line")
                        .append(line).append('.').append(step.toLowerCase()).append('\n');
            }
        }
        lines.append("material.MAT-100 = bracket-2mm\nmaterial.MAT-110 = bracket-3mm\nmaterial.MAT-200 = hinge\n"
                + "material.MAT-210 = hinge-long\nmaterial.MAT-300 = plate\nmaterial.MAT-310 = plate-coated\n");
        Path file = dir.resolve("mapping.properties");
        Files.writeString(file, lines);
        return IdentityMapping.load(file, "erp.mapping.file");
    }

    /** Reads the work-order and dead-letter topics into the test's maps. */
    private final class OutputReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroSerde<WorkOrder> serde;
        private final String workOrderTopic;
        private final String workCenterTopic;

        OutputReader(TopicCatalogue topics, AvroSerde<WorkOrder> serde) {
            this.serde = serde;
            this.workOrderTopic = topics.workOrder().name();
            this.workCenterTopic = topics.workCenterOrders().name();
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    BACKBONE.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "erp-it-reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new ByteArrayDeserializer());
            consumer.subscribe(List.of(workOrderTopic, workCenterTopic, topics.deadLetter().name()));
        }

        void awaitOrders(int count) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                poll();
                return orders.size() >= count;
            });
        }

        void awaitOrder(String orderNo, WorkOrderStatus status) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poll();
                WorkOrder order = orders.get(orderNo);
                return order != null && order.getStatus() == status;
            });
        }

        void awaitPlanned(String orderNo, double pieces) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poll();
                WorkOrder order = orders.get(orderNo);
                return order != null && order.getPlannedQuantity().getValue() == pieces;
            });
        }

        void awaitWorkCenterKey(String key, boolean present) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poll();
                return workCenterOrders.containsKey(key) == present;
            });
        }

        void awaitDeadLetter(String key) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poll();
                return deadLetters.containsKey(key);
            });
        }

        void poll() {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.topic().equals(workOrderTopic)) {
                    orders.put(record.key(), serde.deserializer().deserialize(record.topic(), record.value()));
                } else if (record.topic().equals(workCenterTopic)) {
                    if (record.value() == null) {
                        workCenterOrders.remove(record.key());
                    } else {
                        workCenterOrders.put(record.key(), serde.deserializer().deserialize(record.topic(),
                                record.value()));
                    }
                } else {
                    deadLetters.put(record.key(),
                            new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                                    StandardCharsets.UTF_8));
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
