package io.takt.acquisition.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takt.acquisition.delivery.OutboundEvent;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.TagMap;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityResult;
import io.takt.schemas.SourceRef;

class TagMapperTest {

    static final String PRESS3 = "site1.press.line2.press3";
    static final String PRESS4 = "site1.press.line2.press4";
    static final String STATE = "holding-register:1:UINT";
    static final String REASON = "holding-register:2:UINT";
    static final String MODE = "holding-register:3:UINT";
    static final String GOOD = "holding-register:4:UINT";
    static final String REJECT = "holding-register:5:UINT";
    static final String PRODUCT = "holding-register:6:STRING(8)";
    static final String ORDER = "holding-register:10:STRING(8)";
    static final String MATERIAL = "holding-register:20:STRING(8)";
    static final String LOT_QUANTITY = "holding-register:24:REAL";
    static final String LOT_IN = "holding-register:30:STRING(8)";
    static final String DIAMETER = "holding-register:40:REAL";
    static final String STATE4 = "holding-register:101:UINT";
    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    static final TopicCatalogue TOPICS = TopicCatalogue.forSite("site1", 1, 1);

    static final String TAG_MAP = """
            gateway: {id: gw-1, site: site1}
            equipment:
              - {id: site1.press.line2.press3, enterprise: acme, area: press, line: line2, machine: press3}
              - {id: site1.press.line2.press4, enterprise: acme, area: press, line: line2, machine: press4}
            sources:
              - {id: plc, type: modbus, connection: {url: "modbus-tcp://127.0.0.1:502"}}
            tags:
              - {source: plc, address: "holding-register:1:UINT", equipment: site1.press.line2.press3, role: state,
                 states: packml, reason-states: {"1001": STARVED, "1002": BLOCKED}}
              - {source: plc, address: "holding-register:2:UINT", equipment: site1.press.line2.press3, role: reason}
              - {source: plc, address: "holding-register:3:UINT", equipment: site1.press.line2.press3, role: mode,
                 setup-modes: ["4"]}
              - {source: plc, address: "holding-register:4:UINT", equipment: site1.press.line2.press3,
                 role: good-count, rollover: 16}
              - {source: plc, address: "holding-register:5:UINT", equipment: site1.press.line2.press3,
                 role: reject-count, rollover: 16}
              - {source: plc, address: "holding-register:6:STRING(8)", equipment: site1.press.line2.press3,
                 role: product}
              - {source: plc, address: "holding-register:10:STRING(8)", equipment: site1.press.line2.press3,
                 role: work-order}
              - {source: plc, address: "holding-register:20:STRING(8)", equipment: site1.press.line2.press3,
                 role: attribute}
              - {source: plc, address: "holding-register:24:REAL", equipment: site1.press.line2.press3,
                 role: attribute}
              - {source: plc, address: "holding-register:30:STRING(8)", equipment: site1.press.line2.press3,
                 role: lot-in, material-tag: "holding-register:20:STRING(8)",
                 quantity-tag: "holding-register:24:REAL", uom: KGM}
              - {source: plc, address: "holding-register:40:REAL", equipment: site1.press.line2.press3,
                 role: quality, characteristic: bore-diameter, lower: 9.95, upper: 10.05, uom: mm, deadband: 0.02}
              - {source: plc, address: "holding-register:101:UINT", equipment: site1.press.line2.press4,
                 role: state, states: {"1": RUNNING, "2": FAULT, "3": IDLE}, debounce: 2s}
            """;

    @TempDir
    Path dir;

    final RecordingOutbox outbox = new RecordingOutbox();
    final MutableClock clock = new MutableClock(T0);
    TagMapper mapper;

    @BeforeEach
    void start() throws IOException {
        Path file = dir.resolve("tagmap.yaml");
        Files.writeString(file, TAG_MAP);
        mapper = new TagMapper(TagMap.load(file), TOPICS, outbox, SequenceStore.open(dir.resolve("seq"), clock),
                clock);
    }

    @AfterEach
    void stop() {
        mapper.close();
    }

    @Test
    void shouldMapPackMlStatesReportingEachChangeOnceWithItsSourceTimes() {
        // Given PackML Execute (6), Execute again, then Held (11), read one second apart
        mapper.onSample(good(STATE, 6L, 0));
        mapper.onSample(good(STATE, 6L, 1));
        mapper.onSample(good(STATE, 11L, 2));

        // Then two events: RUNNING at t0 and FAULT at t0 + 2 s, keyed and addressed by the machine and tag
        List<OutboundEvent> events = outbox.events();
        assertThat(events).extracting(OutboundEvent::topic).containsOnly("takt.site1.machine-state.v1");
        assertThat(events).extracting(OutboundEvent::key).containsOnly(PRESS3);
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        assertThat(states).extracting(MachineStateChanged::getState).containsExactly(MachineState.RUNNING,
                MachineState.FAULT);
        assertThat(states).extracting(MachineStateChanged::getRawState).containsExactly("6", "11");
        MachineStateChanged held = states.get(1);
        assertThat(held.getSourceTimestamp()).isEqualTo(T0.plusSeconds(2));
        assertThat(held.getReceiveTimestamp()).isEqualTo(T0.plusSeconds(2).plusMillis(100));
        assertThat(held.getSource()).isEqualTo(new SourceRef("gw-1", "plc/" + STATE));
        assertThat(held.getEquipment().getMachine()).isEqualTo("press3");
        assertThat(held.getSequence()).isGreaterThan(states.get(0).getSequence());
    }

    @Test
    void shouldMapABurstOfSamplesInOrderWithinOneGroupCommit() {
        // Given product MAT-1, PackML Execute (6), the good counter at 100 (the baseline), 112 (+12), then Held (11)
        List<TagSample> burst = List.of(good(PRODUCT, "MAT-1", 0), good(STATE, 6L, 0), good(GOOD, 100L, 0),
                good(GOOD, 112L, 1), good(STATE, 11L, 2));

        // When they arrive as one burst (one OPC UA publish)
        mapper.onSamples(burst);

        // Then the three events (RUNNING, 12 good, FAULT) are appended in sample order, all in one group
        assertThat(outbox.groups()).singleElement().isEqualTo(outbox.events());
        assertThat(outbox.events()).extracting(e -> e.value().getClass().getSimpleName())
                .containsExactly("MachineStateChanged", "ProductionCount", "MachineStateChanged");
        assertThat(outbox.values(MachineStateChanged.class)).extracting(MachineStateChanged::getState)
                .containsExactly(MachineState.RUNNING, MachineState.FAULT);
        assertThat(outbox.values(ProductionCount.class)).singleElement()
                .satisfies(c -> assertThat(c.getGoodQuantity()).isEqualTo(12L));
    }

    @Test
    void shouldReportAnUnmappedRawValueAsUnknown() {
        // Given a raw state 42, which PackML does not define
        mapper.onSample(good(STATE, 42L, 0));

        // Then the machine is UNKNOWN, the raw value kept for audit
        assertThat(outbox.values(MachineStateChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.getState()).isEqualTo(MachineState.UNKNOWN);
            assertThat(e.getRawState()).isEqualTo("42");
        });
    }

    @Test
    void shouldJoinAReasonToTheNextStopAndRefineSuspendedByIt() {
        // Given the machine running, then reason 1001 (no material) read just before Suspended (5)
        mapper.onSample(good(STATE, 6L, 0));
        mapper.onSample(good(REASON, 1001L, 10));
        mapper.onSample(good(STATE, 5L, 10));
        // When it runs again, with the reason register still showing 1001
        mapper.onSample(good(STATE, 6L, 20));

        // Then the stop is STARVED with reason 1001, and the run after it carries no reason
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        assertThat(states).extracting(MachineStateChanged::getState).containsExactly(MachineState.RUNNING,
                MachineState.STARVED, MachineState.RUNNING);
        assertThat(states).extracting(MachineStateChanged::getReasonCode).containsExactly(null, "1001", null);
    }

    @Test
    void shouldKeepAReasonForAsLongAsThePlcShowsIt() {
        // Given a stop whose reason register says 1002 (outfeed full) through Stopping (7) and Stopped (2),
        // the Stopped sample alone, with no new reason sample (PLCs hold a reason; they do not repeat it)
        mapper.onSample(good(STATE, 6L, 0));
        mapper.onSample(good(REASON, 1002L, 10));
        mapper.onSample(good(STATE, 7L, 10));
        mapper.onSample(good(STATE, 2L, 12));

        // Then both stop states carry the reason and are BLOCKED, not IDLE
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        assertThat(states).extracting(MachineStateChanged::getState).containsExactly(MachineState.RUNNING,
                MachineState.BLOCKED, MachineState.BLOCKED);
        assertThat(states).extracting(MachineStateChanged::getReasonCode).containsExactly(null, "1002", "1002");
    }

    @Test
    void shouldReportANewReasonDuringAStopAsANewStateEvent() {
        // Given a micro-stop (Suspended, no reason yet)
        mapper.onSample(good(STATE, 6L, 0));
        mapper.onSample(good(STATE, 5L, 10));
        // When the PLC decides after 5 s that upstream is empty (reason 1001), the state register unchanged
        mapper.onSample(good(REASON, 1001L, 15));

        // Then the stop is reported again, now STARVED from the time the reason appeared
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        assertThat(states).extracting(MachineStateChanged::getState).containsExactly(MachineState.RUNNING,
                MachineState.MINOR_STOP, MachineState.STARVED);
        assertThat(states.get(2).getSourceTimestamp()).isEqualTo(T0.plusSeconds(15));
    }

    @Test
    void shouldReportSetupWhileTheModeIsChangeOver() {
        // Given the machine running in mode 1 (Production)
        mapper.onSample(good(MODE, 1L, 0));
        mapper.onSample(good(STATE, 6L, 0));
        // When the mode becomes 4 (this plant's ChangeOver), then 1 again
        mapper.onSample(good(MODE, 4L, 60));
        mapper.onSample(good(MODE, 1L, 600));

        // Then RUNNING, SETUP from the mode change on, RUNNING again; the raw mode travels along
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        assertThat(states).extracting(MachineStateChanged::getState).containsExactly(MachineState.RUNNING,
                MachineState.SETUP, MachineState.RUNNING);
        assertThat(states).extracting(MachineStateChanged::getRawMode).containsExactly("1", "4", "1");
        assertThat(states.get(1).getSourceTimestamp()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void shouldTurnTotalsIntoIncrementsThroughAResetAndARollover() {
        // Given product MAT-1 on order WO-7 and a good counter first read at 65000 (the baseline)
        mapper.onSample(good(PRODUCT, "MAT-1", 0));
        mapper.onSample(good(ORDER, "WO-7", 0));
        mapper.onSample(good(GOOD, 65000L, 0));
        // When it reads 65530 (+530), wraps to 4 (65536 - 65530 + 4 = +10), is reset and reads 3 (+3)
        mapper.onSample(good(GOOD, 65530L, 1));
        mapper.onSample(good(GOOD, 4L, 2));
        mapper.onSample(good(GOOD, 4L, 3));
        mapper.onSample(good(GOOD, 3L, 4)); // a wrap would be 65536 - 4 + 3 = 65535 > 4096: a reset
        // and a reject counter goes from 7 (baseline) to 9 (+2)
        mapper.onSample(good(REJECT, 7L, 5));
        mapper.onSample(good(REJECT, 9L, 6));

        // Then the increments are 530, 10, 3 good and 2 scrap, each under the product and order
        List<ProductionCount> counts = outbox.values(ProductionCount.class);
        assertThat(counts).extracting(ProductionCount::getGoodQuantity).containsExactly(530L, 10L, 3L, 0L);
        assertThat(counts).extracting(ProductionCount::getScrapQuantity).containsExactly(0L, 0L, 0L, 2L);
        assertThat(counts).extracting(ProductionCount::getProductId).containsOnly("MAT-1");
        assertThat(counts).extracting(ProductionCount::getWorkOrderId).containsOnly("WO-7");
        assertThat(counts.get(2).getSourceTimestamp()).isEqualTo(T0.plusSeconds(4));
        assertThat(outbox.events()).extracting(OutboundEvent::topic).containsOnly("takt.site1.production-count.v1");
    }

    @Test
    void shouldRecoverCountsMadeDuringANoDataGapWithoutCountingThemTwice() {
        // Given a good counter at 100 (baseline), then 110 (+10)
        mapper.onSample(good(STATE, 6L, 0));
        mapper.onSample(good(GOOD, 100L, 0));
        mapper.onSample(good(GOOD, 110L, 1));
        // When the link drops at t0 + 2 s (NO_DATA) and is back at t0 + 30 s with the counter at 130
        mapper.onSample(TagSample.noData("plc", GOOD, T0.plusSeconds(2)));
        mapper.onSample(TagSample.noData("plc", STATE, T0.plusSeconds(2)));
        mapper.onSample(good(GOOD, 130L, 30));
        mapper.onSample(good(GOOD, 130L, 31));

        // Then the 130 - 110 = 20 units made in the gap come as one increment, once
        assertThat(outbox.values(ProductionCount.class)).extracting(ProductionCount::getGoodQuantity)
                .containsExactly(10L, 20L);
        // and the state was UNKNOWN from the drop on
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        assertThat(states).extracting(MachineStateChanged::getState).containsExactly(MachineState.RUNNING,
                MachineState.UNKNOWN);
        assertThat(states.get(1).getRawState()).isEqualTo("NO_DATA");
        assertThat(states.get(1).getSourceTimestamp()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void shouldHoldAStateBackUntilItHasLastedTheDebounce() {
        // Given press4 (debounce 2 s) reads RUNNING at t0
        mapper.onSample(good(STATE4, 1L, 0));
        // When 1 s has passed on the gateway's clock, nothing is reported yet
        clock.advance(Duration.ofSeconds(1));
        mapper.flushDue();
        assertThat(outbox.events()).isEmpty();
        // When 2.1 s have passed (received at t0 + 0.1 s, due at t0 + 2.1 s)
        clock.advance(Duration.ofMillis(1100));
        mapper.flushDue();

        // Then RUNNING is reported with the time it began
        assertThat(outbox.values(MachineStateChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.getSourceTimestamp()).isEqualTo(T0));
    }

    @Test
    void shouldDropAStateThatGivesWaySoonerThanTheDebounce() {
        // Given press4 running (reported once it held)
        mapper.onSample(good(STATE4, 1L, 0));
        mapper.onSample(good(STATE4, 1L, 3));
        // When it reads FAULT at t0 + 5 s and RUNNING again at t0 + 5.5 s (a 0.5 s blip)
        mapper.onSample(goodAt(STATE4, 2L, T0.plusSeconds(5)));
        mapper.onSample(goodAt(STATE4, 1L, T0.plusMillis(5500)));
        // and FAULT at t0 + 10 s that lasts 3 s before RUNNING at t0 + 13 s
        mapper.onSample(good(STATE4, 2L, 10));
        mapper.onSample(good(STATE4, 1L, 13));
        clock.advance(Duration.ofSeconds(20));
        mapper.flushDue();

        // Then only RUNNING, the 3 s FAULT from t0 + 10 s, and RUNNING from t0 + 13 s (once it held) are reported
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        assertThat(states).extracting(MachineStateChanged::getState).containsExactly(MachineState.RUNNING,
                MachineState.FAULT, MachineState.RUNNING);
        assertThat(states).extracting(MachineStateChanged::getSourceTimestamp).containsExactly(T0,
                T0.plusSeconds(10), T0.plusSeconds(13));
    }

    @Test
    void shouldBookEachNewLotScannedWithItsMaterialAndQuantityFromSiblingTags() {
        // Given material MAT-4711, 25 kg, and lot L1 already in the register at start (taken as booked)
        mapper.onSample(good(ORDER, "WO-7", 0));
        mapper.onSample(good(MATERIAL, "MAT-4711", 0));
        mapper.onSample(good(LOT_QUANTITY, 25.0, 0));
        mapper.onSample(good(LOT_IN, "L1", 0));
        // When L2 is scanned, the link drops and comes back with L2 still there
        mapper.onSample(good(LOT_IN, "L2", 10));
        mapper.onSample(TagSample.noData("plc", LOT_IN, T0.plusSeconds(11)));
        mapper.onSample(good(LOT_IN, "L2", 20));

        // Then L2 is consumed once, keyed by the lot
        assertThat(outbox.events()).singleElement().satisfies(e -> {
            assertThat(e.topic()).isEqualTo("takt.site1.material-movement.v1");
            assertThat(e.key()).isEqualTo("L2");
            MaterialMovement m = (MaterialMovement) e.value();
            assertThat(m.getKind()).isEqualTo(MovementKind.CONSUMED);
            assertThat(m.getMaterialId()).isEqualTo("MAT-4711");
            assertThat(m.getQuantity().getValue()).isEqualTo(25.0);
            assertThat(m.getQuantity().getUom()).isEqualTo("KGM");
            assertThat(m.getWorkOrderId()).isEqualTo("WO-7");
            assertThat(m.getSourceTimestamp()).isEqualTo(T0.plusSeconds(10));
        });
    }

    @Test
    void shouldReportMeasurementsBeyondTheDeadbandWithAVerdictFromTheLimits() {
        // Given lot L7 being worked (scanned after start, so booked) and a first diameter of 10.00 (baseline)
        mapper.onSample(good(LOT_IN, "", 0));
        mapper.onSample(good(MATERIAL, "MAT-1", 0));
        mapper.onSample(good(LOT_QUANTITY, 1.0, 0));
        mapper.onSample(good(LOT_IN, "L7", 1));
        outbox.clear();
        mapper.onSample(good(DIAMETER, 10.00, 2));
        // When it reads 10.01 (|10.01 - 10.00| = 0.01 <= 0.02: not reported), 10.03 (0.03 > 0.02) and 10.20
        mapper.onSample(good(DIAMETER, 10.01, 3));
        mapper.onSample(good(DIAMETER, 10.03, 4));
        mapper.onSample(good(DIAMETER, 10.20, 5));

        // Then 10.03 passes (9.95 <= 10.03 <= 10.05) and 10.20 fails (> 10.05), both for lot L7
        List<QualityResult> results = outbox.values(QualityResult.class);
        assertThat(results).extracting(QualityResult::getMeasuredValue).containsExactly(10.03, 10.20);
        assertThat(results).extracting(QualityResult::getVerdict).containsExactly(InspectionResult.PASS,
                InspectionResult.FAIL);
        assertThat(results).extracting(QualityResult::getLotId).containsOnly("L7");
        assertThat(outbox.events()).extracting(OutboundEvent::key).containsOnly("L7");
        assertThat(results.get(0).getCharacteristic()).isEqualTo("bore-diameter");
        assertThat(results.get(0).getUom()).isEqualTo("mm");
    }

    @Test
    void shouldMapSamplesOfSeveralSourcesThreadsWithoutLosingCounts() throws InterruptedException {
        // Given two threads, one counting good parts of press3 up from 0, one switching press4's state
        mapper.onSample(good(GOOD, 0L, 0));
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            await(go);
            for (long i = 1; i <= 2000; i++) {
                mapper.onSample(goodAt(GOOD, i, T0.plusMillis(i)));
            }
        }));
        threads.add(new Thread(() -> {
            await(go);
            for (long i = 1; i <= 2000; i++) {
                mapper.onSample(goodAt(STATE, i % 2 == 0 ? 6L : 11L, T0.plusMillis(i)));
            }
        }));
        threads.forEach(Thread::start);

        // When both run at once
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        // Then all 2000 units are counted, and each tag's sequence only increases
        List<ProductionCount> counts = outbox.values(ProductionCount.class);
        assertThat(counts.stream().mapToLong(ProductionCount::getGoodQuantity).sum()).isEqualTo(2000);
        assertThat(counts).extracting(ProductionCount::getSequence).isSorted().doesNotHaveDuplicates();
        List<MachineStateChanged> states = outbox.values(MachineStateChanged.class);
        assertThat(states).hasSize(2000);
        assertThat(states).extracting(MachineStateChanged::getSequence).isSorted().doesNotHaveDuplicates();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A good value read {@code seconds} after t0, received 100 ms later. */
    private static TagSample good(String address, Object value, long seconds) {
        return goodAt(address, value, T0.plusSeconds(seconds));
    }

    private static TagSample goodAt(String address, Object value, Instant sourceTime) {
        return new TagSample("plc", address, value, SampleQuality.GOOD, sourceTime, sourceTime.plusMillis(100));
    }
}
