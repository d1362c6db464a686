package io.takt.erp.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.platform.serde.InMemorySchemaRegistry;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.Confirmation;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

class ConfirmationTopologyTest {

    private static final String PRESS = "site1.area1.line1.press";
    private static final String WELD = "site1.area1.line1.weld";
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final TopicCatalogue topics = TopicCatalogue.forSite("site1", 1, 1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConfirmationTopology.RecordSerdes serdes =
            ConfirmationTopology.RecordSerdes.on(new InMemorySchemaRegistry());
    private final ConfirmationTerms terms = new ConfirmationTerms(
            Map.of(PRESS, "WC-L1-PRESS", WELD, "WC-L1-WELD")::get, "ST");
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ProductionCount> counts;
    private TestInputTopic<String, MachineStateChanged> states;
    private TestInputTopic<String, WorkOrder> orders;
    private long stateSequence;

    @BeforeEach
    void startDriver() throws IOException {
        stateDir = Files.createTempDirectory("takt-confirmation-test");
        StreamsBuilder builder = new StreamsBuilder();
        ConfirmationTopology.build(builder, new ConfirmationTopology.Settings(topics, serdes, terms, INTERVAL, meters));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "takt-erp-confirmations-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props);
        StringSerializer keys = new StringSerializer();
        counts = driver.createInputTopic(topics.productionCount().name(), keys, serdes.counts().serializer());
        states = driver.createInputTopic(topics.machineState().name(), keys, serdes.states().serializer());
        orders = driver.createInputTopic(topics.workOrder().name(), keys, serdes.workOrders().serializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldAddUpAnOrdersCountsAndRunningTimeOnOneMachine() {
        // Given order 1000004: pressing is operation 10, welding 20
        orders.pipeInput("1000004", order("1000004", 10, 20));
        // Running from 0 s, a fault 60-90 s, running again, idle at 300 s; counts at 10, 20 and 250 s,
        // the one at 20 s resent by its gateway after a restart
        state(0, MachineState.RUNNING);
        count(10, 1, "1000004", 10, 1, 0);
        count(20, 2, "1000004", 12, 0, 2);
        count(20, 2, "1000004", 12, 0, 2);
        state(60, MachineState.FAULT);
        state(90, MachineState.RUNNING);
        count(250, 3, "1000004", 8, 0, 0);
        state(300, MachineState.IDLE);

        // Then one confirmation: good 10 + 12 + 8 = 30, scrap 1, rework 2 (the resend not again);
        // running time from the order's first count: 10-60 s and 90-300 s = 50 + 210 = 260 s
        Map<String, Confirmation> confirmations = confirmations();
        assertThat(confirmations).containsOnlyKeys("1000004/" + PRESS);
        Confirmation press = confirmations.get("1000004/" + PRESS);
        assertThat(press.getWorkOrderId()).isEqualTo("1000004");
        assertThat(press.getOperation()).isEqualTo(10);
        assertThat(press.getEquipmentId()).isEqualTo(PRESS);
        assertThat(press.getErpWorkCenter()).isEqualTo("WC-L1-PRESS");
        assertThat(press.getProductId()).isEqualTo("bracket-2mm");
        assertThat(press.getGoodQuantity()).isEqualTo(30.0);
        assertThat(press.getScrapQuantity()).isEqualTo(1.0);
        assertThat(press.getReworkQuantity()).isEqualTo(2.0);
        assertThat(press.getUnit()).isEqualTo("ST");
        assertThat(press.getActualStart()).isEqualTo(T0.plusSeconds(10));
        assertThat(press.getActualEnd()).isEqualTo(T0.plusSeconds(250));
        assertThat(press.getMachineTimeMillis()).isEqualTo(260_000L);
        assertThat(press.getCountEvents()).isEqualTo(3L);
        assertThat(meters.get("takt.erp.confirmation.counts").tag("outcome", "duplicate").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldGiveRunningTimeToTheOrderTheMachineCountsFor() {
        // Given two orders in turn on the press, which runs without a stop from 0 to 200 s
        orders.pipeInput("1000004", order("1000004", 10, 20));
        orders.pipeInput("1000007", order("1000007", 10, 20));
        state(0, MachineState.RUNNING);
        count(5, 1, "1000004", 4, 0, 0);
        count(100, 2, "1000007", 6, 0, 0);
        count(150, 3, "1000007", 6, 1, 0);
        state(200, MachineState.IDLE);

        // Then 5-100 s to the first order (95 s) and 100-200 s to the second (100 s)
        Map<String, Confirmation> confirmations = confirmations();
        assertThat(confirmations.get("1000004/" + PRESS).getMachineTimeMillis()).isEqualTo(95_000L);
        assertThat(confirmations.get("1000004/" + PRESS).getGoodQuantity()).isEqualTo(4.0);
        assertThat(confirmations.get("1000007/" + PRESS).getMachineTimeMillis()).isEqualTo(100_000L);
        assertThat(confirmations.get("1000007/" + PRESS).getGoodQuantity()).isEqualTo(12.0);
        assertThat(confirmations.get("1000007/" + PRESS).getScrapQuantity()).isEqualTo(1.0);
        assertThat(confirmations.get("1000007/" + PRESS).getActualStart()).isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void shouldConfirmEachMachineOfAnOrderOnItsOwnOperation() {
        // Given order 1000004 counted on the press and then on the welder
        orders.pipeInput("1000004", order("1000004", 10, 20));
        count(10, 1, "1000004", 10, 0, 0);
        counts.pipeInput(WELD, count(WELD, 30, 1, "1000004", 9, 1, 0));

        // Then two confirmations, operation 10 on the press and 20 on the welder
        Map<String, Confirmation> confirmations = confirmations();
        assertThat(confirmations.get("1000004/" + PRESS).getOperation()).isEqualTo(10);
        assertThat(confirmations.get("1000004/" + WELD).getOperation()).isEqualTo(20);
        assertThat(confirmations.get("1000004/" + WELD).getErpWorkCenter()).isEqualTo("WC-L1-WELD");
        assertThat(confirmations.get("1000004/" + WELD).getGoodQuantity()).isEqualTo(9.0);
    }

    @Test
    void shouldFillInTheOperationWhenTheOrderIsReadAfterItsFirstCount() {
        // Given a count before the order's record has arrived
        count(10, 1, "1000004", 10, 0, 0);
        assertThat(confirmations().get("1000004/" + PRESS).getOperation()).isNull();
        // When the order arrives and the machine counts again
        orders.pipeInput("1000004", order("1000004", 10, 20));
        count(20, 2, "1000004", 5, 0, 0);

        // Then the confirmation names the operation and holds both counts
        Confirmation press = confirmations().get("1000004/" + PRESS);
        assertThat(press.getOperation()).isEqualTo(10);
        assertThat(press.getGoodQuantity()).isEqualTo(15.0);
    }

    @Test
    void shouldSendAChangedConfirmationOnceAnIntervalWithItsNewestTotals() {
        // Given three counts of one order within one interval
        orders.pipeInput("1000004", order("1000004", 10, 20));
        count(10, 1, "1000004", 1, 0, 0);
        count(11, 2, "1000004", 1, 0, 0);
        count(12, 3, "1000004", 1, 0, 0);

        // Then one record goes out, with 3 good; and nothing at the next interval, since nothing changed
        TestOutputTopic<String, Confirmation> sent = output();
        assertThat(sent.readValuesToList()).singleElement().extracting(Confirmation::getGoodQuantity).isEqualTo(3.0);
        assertThat(output().isEmpty()).isTrue();
    }

    @Test
    void shouldCountButNotConfirmCountsWithoutAnOrder() {
        // Given a count that names no work order
        count(10, 1, null, 10, 0, 0);

        // Then nothing to book, and the counter says so
        assertThat(confirmations()).isEmpty();
        assertThat(meters.get("takt.erp.confirmation.counts").tag("outcome", "without-order").counter().count())
                .isEqualTo(1.0);
    }

    /** What went out at the next sending. */
    private Map<String, Confirmation> confirmations() {
        return output().readKeyValuesToMap();
    }

    private TestOutputTopic<String, Confirmation> output() {
        driver.advanceWallClockTime(INTERVAL);
        return driver.createOutputTopic(topics.confirmation().name(), new StringDeserializer(),
                serdes.confirmations().deserializer());
    }

    private void state(int second, MachineState state) {
        states.pipeInput(PRESS, MachineStateChanged.newBuilder()
                .setEquipment(equipment(PRESS)).setState(state).setRawState(state.name())
                .setSourceTimestamp(T0.plusSeconds(second)).setReceiveTimestamp(T0.plusSeconds(second))
                .setSource(new SourceRef("gw-1", PRESS + ".State")).setSequence(++stateSequence).build());
    }

    private void count(int second, long sequence, String order, long good, long scrap, long rework) {
        counts.pipeInput(PRESS, count(PRESS, second, sequence, order, good, scrap, rework));
    }

    private static ProductionCount count(String machine, int second, long sequence, String order, long good,
                                         long scrap, long rework) {
        return ProductionCount.newBuilder()
                .setEquipment(equipment(machine)).setGoodQuantity(good).setScrapQuantity(scrap)
                .setReworkQuantity(rework).setWorkOrderId(order)
                .setSourceTimestamp(T0.plusSeconds(second)).setReceiveTimestamp(T0.plusSeconds(second))
                .setSource(new SourceRef("gw-1", machine + ".Count")).setSequence(sequence).build();
    }

    private static WorkOrder order(String orderNo, int pressOperation, int weldOperation) {
        return WorkOrder.newBuilder()
                .setWorkOrderId(orderNo).setProductId("bracket-2mm")
                .setPlannedQuantity(new Quantity(400.0, "H87")).setStatus(WorkOrderStatus.IN_PROGRESS)
                .setErpWorkCenter("WC-L1-PRESS").setEquipmentId(PRESS)
                .setIdealCycleTimes(List.of(
                        IdealCycleTime.newBuilder().setEquipmentId(PRESS).setProductId("bracket-2mm")
                                .setMillisPerUnit(1000.0).setOperation(pressOperation).build(),
                        IdealCycleTime.newBuilder().setEquipmentId(WELD).setProductId("bracket-2mm")
                                .setMillisPerUnit(800.0).setOperation(weldOperation).build()))
                .setLastChangedAt(T0.minusSeconds(3600)).build();
    }

    private static EquipmentRef equipment(String id) {
        String[] path = id.split("\\.");
        return EquipmentRef.newBuilder().setId(id).setEnterprise("acme").setSite(path[0]).setArea(path[1])
                .setLine(path[2]).setMachine(path[3]).build();
    }
}
