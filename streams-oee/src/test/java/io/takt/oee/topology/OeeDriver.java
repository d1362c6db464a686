package io.takt.oee.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.oee.OeeService;
import io.takt.oee.OeeSettings;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.StreamsDeadLetters;
import io.takt.platform.serde.InMemorySchemaRegistry;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityDisposition;
import io.takt.schemas.QualityResult;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/**
 * The OEE topology in a TopologyTestDriver, on 2026-11-25 (UTC unless the config says otherwise),
 * with small builders for the events of line 2's machines. Times are given as "HH:mm:ss".
 */
final class OeeDriver implements AutoCloseable {

    static final String DAY = "2026-11-25";
    static final String LINE = "site1.assembly.line2";

    final TopicCatalogue topics = TopicCatalogue.forSite("site1", 3, 1);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final OeeSerdes serdes = OeeSerdes.on(registry);
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, MachineStateChanged> states;
    private final TestInputTopic<String, ProductionCount> counts;
    private final TestInputTopic<String, QualityResult> quality;
    private final TestInputTopic<String, WorkOrder> orders;
    private final TestInputTopic<String, io.takt.schemas.ShiftCalendar> calendars;
    private final TestOutputTopic<String, OeeKpi> windows;
    private final TestOutputTopic<String, OeeKpi> live;
    private final TestOutputTopic<String, DowntimeEvent> downtime;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final List<OeeKpi> windowRecords = new ArrayList<>();
    private final List<OeeKpi> liveRecords = new ArrayList<>();
    private final List<TestRecord<String, DowntimeEvent>> stopRecords = new ArrayList<>();
    private long sequence;
    private final java.nio.file.Path stateDir = newStateDir();

    /** @param settings config entries, e.g. "oee.calendar.shifts" -> "early=06:00-14:00" */
    OeeDriver(Map<String, String> settings) {
        TaktConfig config = OeeSettings.DEFINITION.validate(ConfigSources.builder().overrides(settings).build());
        var topology = OeeTopology.build(OeeService.topologySettings(OeeSettings.from(config), serdes, meters));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "takt-oee-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // Its own state directory: test classes (and builds in other worktrees) may run side by side.
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("processing.exception.handler.global.enabled", true);
        StreamsDeadLetters.configure(props, topics.deadLetter().name(), new DeadLetterMetrics(meters));
        driver = new TopologyTestDriver(topology, props, Instant.parse(DAY + "T06:00:00Z"));
        StringSerializer keys = new StringSerializer();
        states = driver.createInputTopic(topics.machineState().name(), keys, serdes.machineState().serializer());
        counts = driver.createInputTopic(topics.productionCount().name(), keys, serdes.productionCount().serializer());
        quality = driver.createInputTopic(topics.qualityResult().name(), keys, serdes.qualityResult().serializer());
        orders = driver.createInputTopic(topics.workOrder().name(), keys, serdes.workOrder().serializer());
        calendars = driver.createInputTopic(topics.shiftCalendar().name(), keys, serdes.shiftCalendar().serializer());
        StringDeserializer keyReader = new StringDeserializer();
        windows = driver.createOutputTopic(topics.oee().name(), keyReader, serdes.oeeKpi().deserializer());
        live = driver.createOutputTopic(topics.oeeLive().name(), keyReader, serdes.oeeKpi().deserializer());
        downtime = driver.createOutputTopic(topics.downtime().name(), keyReader, serdes.downtime().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + "Z");
    }

    static EquipmentRef machine(String name) {
        return EquipmentRef.newBuilder().setId(LINE + "." + name).setEnterprise("acme").setSite("site1")
                .setArea("assembly").setLine("line2").setMachine(name).build();
    }

    void state(String machine, String time, MachineState state) {
        state(machine, time, state, null);
    }

    void state(String machine, String time, MachineState state, String reason) {
        EquipmentRef ref = machine(machine);
        states.pipeInput(ref.getId(), MachineStateChanged.newBuilder().setEquipment(ref).setState(state)
                .setRawState(state.name()).setReasonCode(reason).setSourceTimestamp(at(time))
                .setReceiveTimestamp(at(time)).setSource(source()).setSequence(++sequence).build(), at(time));
    }

    void count(String machine, String time, long good, long scrap, long rework) {
        count(machine, time, good, scrap, rework, null);
    }

    void count(String machine, String time, long good, long scrap, long rework, String productId) {
        EquipmentRef ref = machine(machine);
        counts.pipeInput(ref.getId(), ProductionCount.newBuilder().setEquipment(ref).setGoodQuantity(good)
                .setScrapQuantity(scrap).setReworkQuantity(rework).setProductId(productId)
                .setSourceTimestamp(at(time)).setReceiveTimestamp(at(time)).setSource(source())
                .setSequence(++sequence).build(), at(time));
    }

    void countAt(String machine, Instant time, long good) {
        EquipmentRef ref = machine(machine);
        counts.pipeInput(ref.getId(), ProductionCount.newBuilder().setEquipment(ref).setGoodQuantity(good)
                .setScrapQuantity(0).setReworkQuantity(0).setSourceTimestamp(time).setReceiveTimestamp(time)
                .setSource(source()).setSequence(++sequence).build(), time);
    }

    void failedInspection(String machine, String time, long units, QualityDisposition disposition) {
        EquipmentRef ref = machine(machine);
        quality.pipeInput("LOT-" + time, QualityResult.newBuilder().setLotId("LOT-" + time)
                .setCharacteristic("width").setVerdict(InspectionResult.FAIL).setEquipment(ref)
                .setDisposition(disposition).setQuantity(units).setSourceTimestamp(at(time))
                .setReceiveTimestamp(at(time)).setSource(source()).setSequence(++sequence).build(), at(time));
    }

    void workOrder(String id, String machine, String product, WorkOrderStatus status, String changedAt,
                   double millisPerUnit) {
        String equipmentId = machine(machine).getId();
        orders.pipeInput(id, WorkOrder.newBuilder().setWorkOrderId(id).setProductId(product)
                .setPlannedQuantity(Quantity.newBuilder().setValue(1000).setUom("H87").build()).setStatus(status)
                .setEquipmentId(equipmentId)
                .setIdealCycleTimes(List.of(IdealCycleTime.newBuilder().setEquipmentId(equipmentId)
                        .setProductId(product).setMillisPerUnit(millisPerUnit).build()))
                .setLastChangedAt(at(changedAt)).build(), at(changedAt));
    }

    /** Publishes a calendar for a scope (a site, or a line such as {@link #LINE}). */
    void calendar(io.takt.schemas.ShiftCalendar calendar) {
        calendars.pipeInput(calendar.getScope(), calendar);
    }

    /** Pipes a raw record, e.g. corrupt bytes. */
    void rawState(String key, byte[] value) {
        var raw = driver.createInputTopic(topics.machineState().name(), new StringSerializer(),
                Serdes.ByteArray().serializer());
        raw.pipeInput(key, value);
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** Every window record published so far, in order. */
    List<OeeKpi> windows() {
        // Roll-up windows are published by a wall-clock punctuator, at most once per interval.
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        windowRecords.addAll(windows.readValuesToList());
        return windowRecords;
    }

    /** The latest record of one window of one equipment, with the status asked for. */
    OeeKpi window(String equipmentId, WindowKind kind, String start, WindowStatus status) {
        OeeKpi found = null;
        for (OeeKpi kpi : windows()) {
            if (kpi.getEquipmentId().equals(equipmentId) && kpi.getWindowKind() == kind
                    && kpi.getWindowStart().equals(at(start)) && kpi.getStatus() == status) {
                found = kpi;
            }
        }
        if (found == null) {
            throw new AssertionError("No " + status + " " + kind + " window at " + start + " of " + equipmentId
                    + " among " + windows().size() + " window records");
        }
        return found;
    }

    OeeKpi finalWindow(String machine, WindowKind kind, String start) {
        return window(machine(machine).getId(), kind, start, WindowStatus.FINAL);
    }

    List<OeeKpi> live() {
        liveRecords.addAll(live.readValuesToList());
        return liveRecords;
    }

    /** The newest live record of one equipment. */
    OeeKpi lastLive(String equipmentId) {
        return live().stream().filter(kpi -> kpi.getEquipmentId().equals(equipmentId))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("No live record of " + equipmentId));
    }

    List<TestRecord<String, DowntimeEvent>> stops() {
        stopRecords.addAll(downtime.readRecordsToList());
        return stopRecords;
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value());
    }

    private static SourceRef source() {
        return SourceRef.newBuilder().setGatewayId("gw-test").setAddress("plc").build();
    }

    private static java.nio.file.Path newStateDir() {
        try {
            return java.nio.file.Files.createTempDirectory("takt-oee-driver");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
        try {
            org.apache.kafka.common.utils.Utils.delete(stateDir.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
