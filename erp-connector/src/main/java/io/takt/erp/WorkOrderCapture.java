package io.takt.erp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.takt.platform.deadletter.DeadLetter;
import io.takt.platform.deadletter.DeadLetterPublisher;
import io.takt.platform.http.CheckResult;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/**
 * Change data capture of the ERP's production orders (Debezium embedded engine, PostgreSQL
 * {@code pgoutput}): every committed change of an order, of its routing or of the alternative unit it
 * is planned in puts the order's full {@link WorkOrder} on the work-order topic, keyed by order number, in commit order. An order with a
 * code the identity mapping lacks goes to the dead-letter topic with the reason. Debezium's offset
 * (the LSN) is stored in a file and only moves past a batch once Kafka has every record of it, so a
 * restart resumes without loss; a replayed change writes the same record again, which the
 * compacted topic takes as the same state. The open orders of each work center go to a second
 * compacted topic, keyed {@code equipment|order} and partitioned by the equipment id, with a
 * tombstone when an order completes, closes, is cancelled or moves to another work center.
 */
public final class WorkOrderCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderCapture.class);
    static final String ORDER_TABLE = "erp.production_order";
    static final String ROUTING_TABLE = "erp.order_operation";
    static final String UNIT_TABLE = "erp.material_uom";
    /** Header of each WorkOrder record: the ERP's log sequence number of the change. */
    static final String LSN_HEADER = "takt.erp.lsn";
    /** Between equipment id and order number in the keys of the work-center topic. */
    static final char KEY_SEPARATOR = '|';
    /** Statuses of an order still to be made or being made. */
    private static final Set<WorkOrderStatus> OPEN = EnumSet.of(WorkOrderStatus.CREATED, WorkOrderStatus.RELEASED,
            WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.UNKNOWN);

    /**
     * @param slotName        replication slot (one per connector; drop it when the connector is retired)
     * @param publicationName publication of the captured tables, created if missing
     * @param offsetsFile     where the position in the ERP's log is kept
     */
    public record Settings(ErpDatabase database, String slotName, String publicationName, Path offsetsFile,
                           String workOrderTopic, String workCenterOrdersTopic) {
    }

    private final Settings settings;
    private final WorkOrderMapping mapping;
    private final Producer<String, WorkOrder> producer;
    private final DeadLetterPublisher deadLetters;
    private final ErpTables tables;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "takt-erp-capture"));
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong lastLsn = new AtomicLong(-1);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean polling;
    private boolean closed;
    private final Map<String, Integer> workCenterPartitions = new HashMap<>();
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

    public WorkOrderCapture(Settings settings, IdentityMapping mapping, Producer<String, WorkOrder> producer,
                            DeadLetterPublisher deadLetters) {
        this.settings = settings;
        this.mapping = new WorkOrderMapping(mapping);
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.tables = new ErpTables(settings.database());
    }

    public WorkOrderCapture start() {
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineProperties())
                .notifying(this::handleBatch)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.set(message);
                        LOG.error("ERP change capture stopped: {}", message, error);
                    }
                })
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                        polling = true;
                    }

                    @Override
                    public void pollingStopped() {
                        polling = false;
                    }
                })
                .build();
        runner.execute(engine);
        LOG.info("ERP change capture of {}, {} and {} started on {} (slot {}, publication {}, offsets in {})",
                ORDER_TABLE, ROUTING_TABLE, UNIT_TABLE, settings.database().jdbcUrl(), settings.slotName(),
                settings.publicationName(), settings.offsetsFile());
        return this;
    }

    /** Work orders written since start. */
    public long published() {
        return published.get();
    }

    /** Orders dead-lettered since start. */
    public long rejected() {
        return rejected.get();
    }

    /** Why the capture stopped by itself (Debezium gave up), empty while it runs. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Ready while Debezium's task polls the ERP's log (the snapshot included), not before its first
     * poll and not after it stopped, whether by close or because Debezium gave up.
     */
    public CheckResult readiness() {
        String stopped = failure.get();
        if (stopped != null) {
            return CheckResult.down("stopped: " + stopped);
        }
        return polling ? CheckResult.up("polling slot " + settings.slotName()) : CheckResult.down("not polling");
    }

    /** The ERP log position of the last change handled, -1 before the first. */
    public long lastLsn() {
        return lastLsn.get();
    }

    private Properties engineProperties() {
        ErpDatabase db = settings.database();
        Properties props = new Properties();
        props.setProperty("name", "takt-erp-" + settings.slotName());
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.setProperty("offset.storage.file.filename", settings.offsetsFile().toString());
        props.setProperty("offset.flush.interval.ms", "1000");
        props.setProperty("database.hostname", db.host());
        props.setProperty("database.port", String.valueOf(db.port()));
        props.setProperty("database.user", db.user());
        props.setProperty("database.password", db.password());
        props.setProperty("database.dbname", db.database());
        props.setProperty("topic.prefix", "takt-erp");
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", settings.slotName());
        props.setProperty("publication.name", settings.publicationName());
        props.setProperty("publication.autocreate.mode", "filtered");
        props.setProperty("table.include.list", String.join(",", ORDER_TABLE, ROUTING_TABLE, UNIT_TABLE));
        props.setProperty("snapshot.mode", "initial");
        props.setProperty("decimal.handling.mode", "double");
        props.setProperty("time.precision.mode", "connect");
        // Debezium hands over a batch when it is full or this long after the first change: its 500 ms
        // default would be half of the second an ERP change may take to reach the stream.
        props.setProperty("poll.interval.ms", "50");
        return props;
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> event : events) {
            handle(event.record(), sent);
        }
        // The position moves past this batch only once Kafka has all of it.
        for (Future<RecordMetadata> send : sent) {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not take a work order: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    private void handle(SourceRecord record, List<Future<RecordMetadata>> sent) {
        if (!(record.value() instanceof Struct change)) {
            return; // a tombstone after a delete: the delete itself was handled
        }
        Struct source = change.getStruct("source");
        String table = source.getString("schema") + "." + source.getString("table");
        Instant committed = Instant.ofEpochMilli(source.getInt64("ts_ms"));
        Long lsn = source.getInt64("lsn");
        String op = change.getString("op");
        if ("r".equals(op) && !ORDER_TABLE.equals(table)) {
            return; // the snapshot's order records read their routing and units already
        }
        boolean deleted = "d".equals(op);
        Struct row = deleted ? change.getStruct("before") : change.getStruct("after");
        if (row == null) {
            return;
        }
        try {
            for (ErpOrder order : ordersChangedBy(table, row, committed)) {
                publish(order, deleted && ORDER_TABLE.equals(table), change, table, lsn, sent, row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the ERP's tables: " + e.getMessage(), e);
        }
        if (lsn != null) {
            lastLsn.set(lsn);
        }
    }

    /**
     * The orders a change touches: the order itself; the order of a routing operation; for a change
     * of a material's alternative unit (a carton now holds 20, not 24), the orders of that material
     * planned in that unit, since their quantity in base units changed with it.
     */
    private List<ErpOrder> ordersChangedBy(String table, Struct row, Instant committed) throws SQLException {
        return switch (table) {
            case ORDER_TABLE -> List.of(order(row, committed));
            case ROUTING_TABLE -> tables.order(row.getString("order_no"), committed).stream().toList();
            default -> tables.ordersIn(row.getString("material_code"), row.getString("alt_uom"), committed);
        };
    }

    private void publish(ErpOrder order, boolean deleted, Struct change, String table, Long lsn,
                         List<Future<RecordMetadata>> sent, Struct row) throws SQLException {
        try {
            WorkOrder workOrder = workOrder(order, deleted);
            if (UNIT_TABLE.equals(table) && !OPEN.contains(workOrder.getStatus())) {
                return; // a finished order keeps the quantity it was made to
            }
            sent.add(producer.send(stamped(new ProducerRecord<>(settings.workOrderTopic(),
                    workOrder.getWorkOrderId(), workOrder), lsn)));
            movedFrom(change, table, workOrder).ifPresent(previous -> sent.add(producer.send(stamped(
                    workCenterRecord(previous, workOrder.getWorkOrderId(), null), lsn))));
            sent.add(producer.send(stamped(workCenterRecord(workOrder.getEquipmentId(), workOrder.getWorkOrderId(),
                    OPEN.contains(workOrder.getStatus()) ? workOrder : null), lsn)));
            published.incrementAndGet();
        } catch (UnmappedCodeException e) {
            rejected.incrementAndGet();
            LOG.warn("{}: to the dead-letter topic", e.getMessage());
            sent.add(deadLetters.publish(DeadLetter.builder(UnmappedCodeException.REASON, e, table)
                    .key(order.orderNo().getBytes(StandardCharsets.UTF_8))
                    .value(row.toString().getBytes(StandardCharsets.UTF_8))
                    .timestamp(order.changedAt().toEpochMilli())
                    .build()));
        }
    }

    private static ProducerRecord<String, WorkOrder> stamped(ProducerRecord<String, WorkOrder> record, Long lsn) {
        if (lsn != null) {
            record.headers().add(LSN_HEADER, String.valueOf(lsn).getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /** The open-orders record of a work center, on the partition of its equipment id (as Kafka would key it). */
    private ProducerRecord<String, WorkOrder> workCenterRecord(String equipmentId, String orderNo, WorkOrder open) {
        String topic = settings.workCenterOrdersTopic();
        int partitions = workCenterPartitions.computeIfAbsent(topic, t -> producer.partitionsFor(t).size());
        int partition = Utils.toPositive(Utils.murmur2(equipmentId.getBytes(StandardCharsets.UTF_8))) % partitions;
        return new ProducerRecord<>(topic, partition, equipmentId + KEY_SEPARATOR + orderNo, open);
    }

    /** The equipment an updated order was planned on before, when the update moved it to another. */
    private Optional<String> movedFrom(Struct change, String table, WorkOrder now) {
        Struct before = change.getStruct("before");
        if (!ORDER_TABLE.equals(table) || before == null) {
            return Optional.empty();
        }
        String workCenter = before.getString("work_center_id");
        if (workCenter == null || workCenter.equals(now.getErpWorkCenter())) {
            return Optional.empty();
        }
        return mapping.equipment(workCenter).filter(previous -> !previous.equals(now.getEquipmentId()));
    }

    private WorkOrder workOrder(ErpOrder order, boolean deleted) throws SQLException {
        ErpTables.UnitConversion conversion = tables.conversion(order.materialCode(), order.unit())
                .orElseThrow(() -> new UnmappedCodeException("Order " + order.orderNo() + ": the ERP has no "
                        + "conversion of unit '" + order.unit() + "' for material '" + order.materialCode() + "'"));
        return mapping.toWorkOrder(order, deleted ? List.of() : tables.routing(order.orderNo()),
                conversion.baseUnit(), conversion.basePerUnit(), deleted);
    }

    private static ErpOrder order(Struct row, Instant committed) {
        return new ErpOrder(row.getString("order_no"), row.getString("material_code"), row.getString("description"),
                row.getFloat64("planned_qty"), row.getString("uom"), row.getString("work_center_id"),
                row.getString("status"), instant(row.get("planned_start")), instant(row.get("planned_end")),
                row.getInt32("version"), committed);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        return Instant.parse(value.toString());
    }

    /** Stops the capture; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (engine != null) {
                engine.close();
            }
            runner.shutdown();
            if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("ERP change capture did not stop within 30 s");
            }
            tables.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | SQLException e) {
            LOG.warn("ERP change capture did not close cleanly: {}", e.toString());
        }
        LOG.info("ERP change capture stopped: {} work order(s) written, {} dead-lettered, last LSN {}",
                published.get(), rejected.get(), lastLsn.get());
    }
}
