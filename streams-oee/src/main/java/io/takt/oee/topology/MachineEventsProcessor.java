package io.takt.oee.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.oee.OeeStores;
import io.takt.oee.accounting.LedgerCodec;
import io.takt.oee.accounting.MachineAccountant;
import io.takt.oee.accounting.MachineLedger;
import io.takt.oee.accounting.OeeOutput;
import io.takt.oee.accounting.OrderChange;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityDisposition;
import io.takt.schemas.QualityResult;
import io.takt.schemas.WindowStatus;
import io.takt.schemas.WorkOrder;

/**
 * The per-machine OEE processor: every state, count, quality and work-order event of a machine
 * arrives here keyed by the machine's id, is checked, and updates the machine's ledger and windows
 * through {@link MachineAccountant}. A wall-clock punctuator publishes live records.
 */
final class MachineEventsProcessor implements Processor<String, SpecificRecord, String, OeeResult> {

    /** Meter counting the events applied. */
    static final String EVENTS_METER = "takt.oee.events";
    /** Meter counting machine windows published FINAL. */
    static final String FINAL_WINDOWS_METER = "takt.oee.windows.final";
    /** How ledgers are kept in RocksDB: keyed by machine id. */
    static final CommitBufferedStore.Codec<String, MachineLedger> LEDGER_CODEC =
            CommitBufferedStore.Codec.ofValues(LedgerCodec::encode, LedgerCodec::decodeLedger);

    private final OeeTopology.Settings settings;
    private final EventChecks checks;
    private ProcessorContext<String, OeeResult> context;
    private KeyValueStore<String, MachineLedger> ledgers;
    private StoredWindows windows;
    // Ledgers of this task's machines: the store holds the truth, this saves reading and decoding it
    // after every commit. Emptied whenever the task (re)starts or closes.
    private final Map<String, MachineLedger> ledgerCache = new HashMap<>();
    private MachineAccountant accountant;
    private final Map<String, Long> wallTimeOfClock = new HashMap<>();
    private final Counter implausible;
    private final Counter events;
    private final Counter finalWindows;

    MachineEventsProcessor(OeeTopology.Settings settings) {
        this.settings = settings;
        this.checks = new EventChecks(settings.rules().grace().toMillis(), settings.rules().maxClockJump().toMillis());
        this.implausible = Counter.builder("takt.oee.performance.implausible")
                .description("FINAL machine windows whose performance is above 1: the ideal cycle time (PRU) used "
                        + "is too long for what the machine really did")
                .register(settings.meters());
        this.events = Counter.builder(EVENTS_METER)
                .description("Machine events (state, count, quality, work order) applied by the OEE accounting")
                .register(settings.meters());
        this.finalWindows = Counter.builder(FINAL_WINDOWS_METER)
                .description("Machine windows published FINAL").register(settings.meters());
    }

    @Override
    public void init(ProcessorContext<String, OeeResult> context) {
        this.context = context;
        this.ledgers = context.getStateStore(OeeTopology.LEDGER_STORE);
        this.windows = new StoredWindows(context.getStateStore(OeeTopology.WINDOW_STORE));
        ledgerCache.clear();
        Clock wallClock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(context.currentSystemTimeMs());
            }
        };
        accountant = new MachineAccountant(settings.rules(), settings.calendars(), windows, new Forwarder(),
                wallClock);
        Duration interval = settings.liveInterval();
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::publishLive);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String machineId = record.key();
        SpecificRecord value = record.value();
        if (machineId == null || value == null) {
            return;
        }
        MachineLedger ledger = load(machineId);
        long clockBefore = ledger.clock();
        apply(machineId, ledger, value);
        ledgers.put(machineId, ledger);
        if (ledger.clock() != clockBefore) {
            wallTimeOfClock.put(machineId, context.currentSystemTimeMs());
        }
        events.increment();
    }

    private void apply(String machineId, MachineLedger ledger, SpecificRecord value) {
        if (value instanceof MachineStateChanged state) {
            checks.check(machineId, state, ledger);
            accountant.onState(machineId, ledger, state);
        } else if (value instanceof ProductionCount count) {
            checks.check(machineId, count, ledger);
            ledger.locate(count.getEquipment());
            accountant.onQuantities(machineId, ledger, count.getSourceTimestamp().toEpochMilli(),
                    count.getGoodQuantity(), count.getScrapQuantity(), count.getReworkQuantity(),
                    count.getProductId(), count.getWorkOrderId());
        } else if (value instanceof QualityResult result) {
            checks.check(result, ledger);
            applyQuality(machineId, ledger, result);
        } else if (value instanceof WorkOrder order) {
            checks.check(order);
            ledger.orders().add(orderChange(machineId, order));
        }
    }

    private void applyQuality(String machineId, MachineLedger ledger, QualityResult result) {
        if (result.getVerdict() != InspectionResult.FAIL) {
            return;
        }
        QualityDisposition disposition = result.getDisposition();
        long units = result.getQuantity();
        long time = result.getSourceTimestamp().toEpochMilli();
        if (result.getProducedOn() == null) {
            ledger.locate(result.getEquipment());
        }
        if (disposition == null || disposition == QualityDisposition.SCRAP) {
            accountant.onQuantities(machineId, ledger, time, -units, units, 0, null, null);
        } else if (disposition == QualityDisposition.REWORK) {
            accountant.onQuantities(machineId, ledger, time, -units, 0, units, null, null);
        }
    }

    private static OrderChange orderChange(String machineId, WorkOrder order) {
        Map<String, Double> prus = new HashMap<>();
        for (IdealCycleTime pru : order.getIdealCycleTimes()) {
            if (machineId.equals(pru.getEquipmentId())) {
                prus.put(pru.getProductId(), pru.getMillisPerUnit());
            }
        }
        return new OrderChange(order.getLastChangedAt().toEpochMilli(), order.getWorkOrderId(), order.getStatus(),
                order.getProductId(), prus);
    }

    private MachineLedger load(String machineId) {
        MachineLedger cached = ledgerCache.get(machineId);
        if (cached != null) {
            return cached;
        }
        MachineLedger stored = ledgers.get(machineId);
        MachineLedger ledger = stored == null ? MachineLedger.empty() : stored;
        ledgerCache.put(machineId, ledger);
        return ledger;
    }

    @Override
    public void close() {
        ledgerCache.clear();
        windows.forgetCached();
    }

    // Live records move with the wall clock: a machine's open stay is counted up to its clock plus
    // the wall time since that clock last moved, so a long stop keeps growing on the dashboard. Every
    // machine this task has seen since it started gets one record per interval.
    private void publishLive(long wallTime) {
        LivePartials partials = new LivePartials();
        for (String machineId : wallTimeOfClock.keySet()) {
            MachineLedger ledger = load(machineId);
            if (ledger.clock() == MachineLedger.NO_CLOCK) {
                continue;
            }
            if (accountant.publishCorrections(machineId, ledger)) {
                ledgers.put(machineId, ledger);
            }
            long since = wallTimeOfClock.getOrDefault(machineId, wallTime);
            long accountedUntil = ledger.clock() + Math.max(0, wallTime - since);
            OeeKpi live = accountant.live(machineId, ledger, accountedUntil);
            forward(machineId, OeeResult.Channel.LIVE, live, wallTime);
            partials.add(live);
        }
        String task = "task-" + context.taskId();
        partials.drain().forEach((id, partial) ->
                forward(id + OeeStores.SEPARATOR + RollupProcessor.LIVE + OeeStores.SEPARATOR + task,
                        OeeResult.Channel.ROLLUP, partial, wallTime));
    }

    private void forward(String key, OeeResult.Channel channel, Object value, long timestamp) {
        context.forward(new Record<>(key, new OeeResult(channel, value), timestamp));
    }

    /** Sends a machine record towards its line, area and site; {@code suffix} follows each roll-up id. */
    private void forwardToRollups(OeeKpi kpi, String suffix, long timestamp) {
        EquipmentRef ref = kpi.getEquipment();
        if (ref == null) {
            return;
        }
        RollupSlot figures = RollupMember.figuresOf(kpi);
        for (RollupIds.Rollup rollup : RollupIds.of(ref)) {
            forward(rollup.id() + suffix, OeeResult.Channel.ROLLUP, new RollupMember(rollup.level(), figures),
                    timestamp);
        }
    }

    /** Sends the accountant's results downstream. */
    private final class Forwarder implements OeeOutput {

        @Override
        public void window(OeeKpi kpi) {
            long start = kpi.getWindowStart().toEpochMilli();
            String key = OeeStores.kpiKey(kpi.getEquipmentId(), kpi.getWindowKind(), start);
            long timestamp = kpi.getWindowEnd().toEpochMilli();
            if (kpi.getStatus() == WindowStatus.FINAL) {
                finalWindows.increment();
                if (kpi.getPerformanceImplausible()) {
                    implausible.increment();
                }
            }
            forward(key, OeeResult.Channel.WINDOW, kpi, timestamp);
            forwardToRollups(kpi, key.substring(kpi.getEquipmentId().length()) + OeeStores.SEPARATOR
                    + kpi.getEquipmentId(), timestamp);
        }

        @Override
        public void live(OeeKpi kpi) {
            // Wall-clock stamps: a live record's event time can step back when a state change follows
            // a punctuation that counted the open stay ahead with the wall clock.
            forward(kpi.getEquipmentId(), OeeResult.Channel.LIVE, kpi, context.currentSystemTimeMs());
        }

        @Override
        public void downtime(String machineId, long start, DowntimeEvent event) {
            forward(OeeStores.downtimeKey(machineId, start), OeeResult.Channel.DOWNTIME, event, start);
        }
    }
}
