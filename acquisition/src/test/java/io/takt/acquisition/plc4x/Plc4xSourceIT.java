package io.takt.acquisition.plc4x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.mapping.RecordingOutbox;
import io.takt.acquisition.mapping.SequenceStore;
import io.takt.acquisition.mapping.TagMapper;
import io.takt.acquisition.modbus.ModbusTcpServer;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.TagMap;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;

/** The PLC4X source against the in-process Modbus/TCP server over real TCP, through the tag mapper. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Plc4xSourceIT {

    static final Logger LOG = LoggerFactory.getLogger(Plc4xSourceIT.class);
    static final String PRESS = "site1.press.line2.press3";
    // PLC4X counts from 1: holding-register:1 is protocol address 0 of the server's bank.
    static final int STATE_REGISTER = 0;
    static final int GOOD_REGISTER = 1;

    @TempDir
    Path dir;

    final ModbusTcpServer plc = new ModbusTcpServer();
    final RecordingOutbox outbox = new RecordingOutbox();
    Plc4xSource source;
    TagMapper mapper;

    @BeforeEach
    void startPlc() throws IOException {
        plc.start(0);
        plc.registers().setHoldingRegister(STATE_REGISTER, 6); // PackML Execute
        plc.registers().setHoldingRegister(GOOD_REGISTER, 100);
    }

    @AfterEach
    void stopAll() {
        if (source != null) {
            source.close();
        }
        if (mapper != null) {
            mapper.close();
        }
        plc.close();
    }

    @Test
    void shouldDeliverValuesAndTurnACounterResetIntoTheRightIncrements() throws IOException {
        // Given the source polling state and a 16-bit good counter every 100 ms, through the mapper
        TagMap map = startSource();
        await().until(() -> !outbox.values(MachineStateChanged.class).isEmpty());

        // When the counter goes 100 (baseline) → 105, then is reset and reads 3
        plc.registers().setHoldingRegister(GOOD_REGISTER, 105);
        await().until(() -> goodIncrements().size() == 1);
        plc.registers().setHoldingRegister(GOOD_REGISTER, 3);
        await().until(() -> goodIncrements().size() == 2);

        // Then the machine is RUNNING and the increments are 105 - 100 = 5 and 3 (reset: 3 since zero)
        MachineStateChanged running = outbox.values(MachineStateChanged.class).get(0);
        assertThat(running.getState()).isEqualTo(MachineState.RUNNING);
        assertThat(running.getEquipment().getId()).isEqualTo(PRESS);
        assertThat(running.getSource().getAddress()).isEqualTo("plc/holding-register:1:UINT");
        assertThat(goodIncrements()).containsExactly(5L, 3L);
        assertThat(map.gateway().id()).isEqualTo("gw-1");
        assertThat(source.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void shouldNormaliseCoilsRealsAndDoubleWords() throws IOException {
        // Given a coil on, 10.03 as a REAL (IEEE 754 0x41207AE1) and 70000 as a UDINT (0x0001_1170)
        plc.registers().setCoil(4, true);
        plc.registers().setHoldingRegisters(9, 0x4120, 0x7AE1);
        plc.registers().setHoldingRegister32(19, 70_000);
        List<TagSample> samples = new CopyOnWriteArrayList<>();
        TagMap map = TagMap.load(writeMap("""
                  - {source: plc, address: "coil:5", equipment: site1.press.line2.press3, role: attribute}
                  - {source: plc, address: "holding-register:10:REAL", equipment: site1.press.line2.press3,
                     role: attribute}
                  - {source: plc, address: "holding-register:20:UDINT", equipment: site1.press.line2.press3,
                     role: attribute}
                """), Plc4xConnectionCheck.modbus());

        // When polled
        source = new Plc4xSource(map.source("plc").orElseThrow(), map.tagsOf("plc"));
        source.start(recorder(samples));
        await().until(() -> samples.size() >= 3);

        // Then each arrives as the Java type a TagSample carries
        assertThat(samples).extracting(TagSample::value).containsExactlyInAnyOrder(true, 10.03, 70_000L);
        assertThat(samples).extracting(TagSample::quality).containsOnly(SampleQuality.GOOD);
    }

    @Test
    void shouldReportNoDataWhileThePlcIsDownAndRecoverWithoutRestartingTheSource() throws IOException {
        // Given the source running, with the counter at 110 after the baseline of 100 (+10)
        startSource();
        await().until(() -> !outbox.values(MachineStateChanged.class).isEmpty());
        plc.registers().setHoldingRegister(GOOD_REGISTER, 110);
        await().until(() -> goodIncrements().size() == 1);

        // When the PLC goes away
        plc.stop();

        // Then the machine becomes UNKNOWN (NO_DATA) and the source keeps trying without data
        await().until(() -> lastState() == MachineState.UNKNOWN);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> source.status().state() != ConnectionState.CONNECTED);
        assertThat(source.status().lastError()).isNotNull();

        // When it comes back on the same port, having counted 20 more parts meanwhile
        plc.registers().setHoldingRegister(GOOD_REGISTER, 130);
        plc.restart();

        // Then the source reconnects by itself, the machine is RUNNING again, and the 130 - 110 = 20
        // parts made during the outage arrive as one increment
        await().atMost(Duration.ofSeconds(10)).until(() -> lastState() == MachineState.RUNNING);
        await().until(() -> goodIncrements().size() == 2);
        assertThat(goodIncrements()).containsExactly(10L, 20L);
        assertThat(outbox.values(MachineStateChanged.class)).extracting(MachineStateChanged::getState)
                .containsExactly(MachineState.RUNNING, MachineState.UNKNOWN, MachineState.RUNNING);
        assertThat(source.status().reconnects()).isEqualTo(1);
        assertThat(source.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void shouldNotLeakThreadsOverRepeatedReconnects() throws IOException {
        // Given a connected source (PLC4X users report a thread pool left behind per reconnect)
        startSource();
        await().until(() -> source.status().state() == ConnectionState.CONNECTED && !outbox.events().isEmpty());
        long firstConnections = plc.connectionCount();
        int threadsBefore = Thread.activeCount();

        // When the link drops 5 times and the source reconnects each time
        for (int i = 1; i <= 5; i++) {
            long reconnects = source.status().reconnects();
            plc.dropConnections();
            await().until(() -> source.status().reconnects() == reconnects + 1
                    && source.status().state() == ConnectionState.CONNECTED);
        }

        // Then it really reconnected 5 times, and once the dead connections' closing is over (PLC4X
        // waits up to 10 s for a disconnect handshake that never comes) live threads are back where they were
        assertThat(plc.connectionCount()).isEqualTo(firstConnections + 5);
        LOG.info("Live threads before 5 reconnects: {}, right after: {}", threadsBefore, Thread.activeCount());
        await().atMost(Duration.ofSeconds(20)).until(() -> Thread.activeCount() <= threadsBefore + 1);
        LOG.info("Live threads once closed: {}", Thread.activeCount());
    }

    private TagMap startSource() throws IOException {
        TagMap map = TagMap.load(writeMap("""
                  - {source: plc, address: "holding-register:1:UINT", equipment: site1.press.line2.press3,
                     role: state, states: packml}
                  - {source: plc, address: "holding-register:2:UINT", equipment: site1.press.line2.press3,
                     role: good-count, rollover: 16}
                """), Plc4xConnectionCheck.modbus());
        mapper = new TagMapper(map, TopicCatalogue.forSite("site1", 1, 1), outbox,
                SequenceStore.open(dir.resolve("sequence")));
        source = new Plc4xSource(map.source("plc").orElseThrow(), map.tagsOf("plc"));
        source.start(mapper);
        return map;
    }

    private Path writeMap(String tags) throws IOException {
        Path file = dir.resolve("tagmap.yaml");
        Files.writeString(file, """
                gateway: {id: gw-1, site: site1}
                equipment:
                  - {id: site1.press.line2.press3, enterprise: acme, area: press, line: line2, machine: press3}
                sources:
                  - id: plc
                    type: modbus
                    connection:
                      url: "modbus-tcp://127.0.0.1:%d?default-unit-identifier=1"
                      poll-interval: 100ms
                      request-timeout: 1s
                      backoff-initial: 100ms
                      backoff-max: 400ms
                tags:
                """.formatted(plc.port()) + tags);
        return file;
    }

    private List<Long> goodIncrements() {
        return outbox.values(ProductionCount.class).stream().map(ProductionCount::getGoodQuantity).toList();
    }

    private MachineState lastState() {
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        return states.isEmpty() ? null : states.get(states.size() - 1).getState();
    }

    private static TagListener recorder(List<TagSample> samples) {
        return new TagListener() {
            @Override
            public void onSample(TagSample sample) {
                samples.add(sample);
            }

            @Override
            public void onConnection(String sourceId, ConnectionState state, String detail) {
            }
        };
    }
}
