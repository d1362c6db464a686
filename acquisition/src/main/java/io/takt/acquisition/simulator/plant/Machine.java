package io.takt.acquisition.simulator.plant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One simulated machine with a PackML state machine: it takes a part from its infeed, works it for
 * a cycle, counts it good or rejected and puts good parts on its outfeed; between cycles it may
 * stop for a planned break, a changeover, a fault or a micro-stop, and it is starved or blocked
 * when its neighbours cannot feed it or take its parts.
 */
final class Machine implements Plant.Actor {

    private enum Phase { OFF, READY, CYCLING, WAITING_FOR_PART, WAITING_FOR_ROOM, SEQUENCE }

    private static final int STATE = 0;
    private static final int MODE = 1;
    private static final int REASON = 2;
    private static final int GOOD = 3;
    private static final int REJECT = 4;
    private static final int PRODUCT = 5;
    private static final int WORK_ORDER = 6;
    private static final int LOT_IN = 7;
    private static final int LOT_OUT = 8;
    private static final int LOT_SOURCE = 9;
    private static final int QUALITY = 10;

    private final Plant plant;
    private final Line line;
    private final String id;
    private final String name;
    private final int position;
    private final long nominalCycleMillis;
    private final double rejectRate;
    private final boolean resetsCountersAtChangeover;
    private final QualityCharacteristic quality;
    private final List<TagDefinition> tags;
    private final Object[] values;
    private final PlcCounter goodCounter;
    private final PlcCounter rejectCounter;
    private final ArrayDeque<Step> sequence = new ArrayDeque<>();
    private Infeed infeed;
    private Outfeed outfeed;

    private Phase phase = Phase.OFF;
    private long generation;
    private long waitingSince;
    private boolean stopShown;
    private String partInHand;
    private boolean changeoverPending;
    private ReasonCode injectedFault;
    private long injectedRepairMillis;

    Machine(Plant plant, Line line, String name, int position, MachineSpec spec) {
        this.plant = plant;
        this.line = line;
        this.id = line.id() + "." + name;
        this.name = name;
        this.position = position;
        this.nominalCycleMillis = spec.nominalCycleMillis();
        this.rejectRate = spec.rejectRate();
        this.resetsCountersAtChangeover = spec.resetsCountersAtChangeover();
        this.quality = spec.quality();
        this.goodCounter = new PlcCounter(spec.counterBits(), spec.initialGood());
        this.rejectCounter = new PlcCounter(spec.counterBits(), spec.initialReject());
        this.tags = tagDefinitions(spec.counterBits(), quality);
        this.values = new Object[tags.size()];
        values[STATE] = PackMlState.STOPPED.code();
        values[MODE] = PackMlMode.PRODUCTION.code();
        values[REASON] = ReasonCode.NONE.code();
        values[GOOD] = goodCounter.value();
        values[REJECT] = rejectCounter.value();
        values[PRODUCT] = line.workOrder().productId();
        values[WORK_ORDER] = line.workOrder().id();
        values[LOT_IN] = "";
        values[LOT_OUT] = "";
        values[LOT_SOURCE] = "";
        if (quality != null) {
            values[QUALITY] = quality.nominal();
        }
    }

    /** What is fixed about a machine when it is built. */
    record MachineSpec(long nominalCycleMillis, double rejectRate, int counterBits, long initialGood,
                       long initialReject, boolean resetsCountersAtChangeover, QualityCharacteristic quality) {
    }

    private static List<TagDefinition> tagDefinitions(int counterBits, QualityCharacteristic quality) {
        TagType counter = counterBits == 16 ? TagType.UINT16 : TagType.UINT32;
        List<TagDefinition> defs = new ArrayList<>(List.of(
                new TagDefinition(TagDefinition.STATE, TagType.INT32),
                new TagDefinition(TagDefinition.MODE, TagType.INT32),
                new TagDefinition(TagDefinition.REASON_CODE, TagType.INT32),
                new TagDefinition(TagDefinition.GOOD_COUNT, counter),
                new TagDefinition(TagDefinition.REJECT_COUNT, counter),
                new TagDefinition(TagDefinition.PRODUCT_ID, TagType.STRING),
                new TagDefinition(TagDefinition.WORK_ORDER, TagType.STRING),
                new TagDefinition(TagDefinition.LOT_IN, TagType.STRING),
                new TagDefinition(TagDefinition.LOT_OUT, TagType.STRING),
                new TagDefinition(TagDefinition.LOT_SOURCE, TagType.STRING)));
        if (quality != null) {
            defs.add(new TagDefinition(TagDefinition.QUALITY_PREFIX + quality.name(), TagType.DOUBLE));
        }
        return List.copyOf(defs);
    }

    void connect(Infeed in, Outfeed out) {
        this.infeed = in;
        this.outfeed = out;
        if (in instanceof LotInfeed lotInfeed) {
            lotInfeed.attach(this);
        }
        if (out instanceof LotOutfeed lotOutfeed) {
            lotOutfeed.attach(this);
        }
    }

    /** The machine's rated time per part, ms: what an OEE app should use as its ideal cycle time (PRU). */
    public long nominalCycleMillis() {
        return nominalCycleMillis;
    }

    String id() {
        return id;
    }

    Outfeed outfeed() {
        return outfeed;
    }

    Plant plant() {
        return plant;
    }

    String productId() {
        return (String) values[PRODUCT];
    }

    MachineDescription describe() {
        return new MachineDescription(id, line.id(), name, position, tags,
                Optional.ofNullable(quality));
    }

    Map<String, Object> tagValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            map.put(tags.get(i).name(), values[i]);
        }
        return map;
    }

    @Override
    public long generation() {
        return generation;
    }

    /** Schedules this machine's next action, replacing the one pending. */
    private void scheduleAt(long time) {
        generation++;
        plant.schedule(this, time, generation);
    }

    @Override
    public void act(long now) {
        switch (phase) {
            case OFF -> begin(now);
            case READY -> decide(now);
            case CYCLING -> finishCycle(now);
            case WAITING_FOR_PART, WAITING_FOR_ROOM -> checkWaiting(now);
            case SEQUENCE -> nextStep(now);
        }
    }

    /** A neighbour took a part or delivered one: a waiting machine looks again, now. */
    void wake() {
        if (phase == Phase.WAITING_FOR_PART || phase == Phase.WAITING_FOR_ROOM) {
            scheduleAt(plant.nowMillis());
        }
    }

    void requestChangeover() {
        changeoverPending = true;
        wake();
    }

    /** Takes effect when the machine next decides: at once if it is waiting, after the cycle or stop in hand. */
    void injectFault(ReasonCode reason, long repairMillis) {
        injectedFault = reason;
        injectedRepairMillis = repairMillis;
        wake();
    }

    void lotLoaded(String lotId) {
        emit(LOT_IN, lotId);
    }

    void lotOpened(String lotId) {
        emit(LOT_OUT, lotId);
    }

    /** The part just put into the output lot came from {@code sourceLot}: shown when it differs from the last. */
    void partSourced(String sourceLot) {
        if (!sourceLot.equals(values[LOT_SOURCE])) {
            emit(LOT_SOURCE, sourceLot);
        }
    }

    private void begin(long now) {
        if (plant.breakEnd() > now) {
            decide(now);
        } else {
            startSequence(StopSequences.restart(), now);
        }
    }

    private void decide(long now) {
        phase = Phase.READY;
        if (partInHand != null && outfeed.canAccept()) {
            outfeed.put(partInHand);
            partInHand = null;
        }
        if (startPlannedStop(now)) {
            return;
        }
        if (partInHand != null) {
            startWaiting(Phase.WAITING_FOR_ROOM, now);
            return;
        }
        if (startRandomStop(now)) {
            return;
        }
        if (!infeed.hasPart()) {
            startWaiting(Phase.WAITING_FOR_PART, now);
            return;
        }
        startCycle(now);
    }

    /** Breaks, changeovers and injected faults come first, in that order. */
    private boolean startPlannedStop(long now) {
        long breakEnd = plant.breakEnd();
        if (breakEnd > now) {
            startSequence(StopSequences.plannedBreak(state(), breakEnd, now), now);
            return true;
        }
        if (changeoverPending) {
            changeoverPending = false;
            startSequence(StopSequences.changeover(state(), plant.changeoverMillis()), now);
            return true;
        }
        if (injectedFault != null) {
            ReasonCode fault = injectedFault;
            injectedFault = null;
            startSequence(StopSequences.fault(fault, injectedRepairMillis), now);
            return true;
        }
        return false;
    }

    private boolean startRandomStop(long now) {
        if (!plant.settings().randomStops()) {
            return false;
        }
        RandomGenerator random = plant.random();
        double draw = random.nextDouble();
        PlantSettings settings = plant.settings();
        if (draw < settings.faultChancePerCycle()) {
            List<ReasonCode> faults = ReasonCode.faults();
            ReasonCode fault = faults.get(random.nextInt(faults.size()));
            startSequence(StopSequences.fault(fault, plant.repairMillis(fault)), now);
            return true;
        }
        if (draw < settings.faultChancePerCycle() + settings.microStopChancePerCycle()) {
            List<ReasonCode> stops = ReasonCode.microStops();
            ReasonCode stop = stops.get(random.nextInt(stops.size()));
            startSequence(StopSequences.microStop(stop, 5_000 + random.nextLong(55_000)), now);
            return true;
        }
        return false;
    }

    private void startWaiting(Phase waitingPhase, long now) {
        phase = waitingPhase;
        waitingSince = now;
        stopShown = false;
        scheduleAt(now + plant.settings().waitBeforeSuspend().toMillis());
    }

    /**
     * A wait shorter than the suspend delay is just a slow cycle; a longer one shows as Suspended,
     * starved or blocked, as a PLC debounces its infeed and outfeed sensors.
     */
    private void checkWaiting(long now) {
        boolean resolved = phase == Phase.WAITING_FOR_PART ? infeed.hasPart() : outfeed.canAccept();
        boolean interrupted = interruptDue();
        if (resolved || interrupted) {
            if (stopShown && !interrupted) {
                showStatus(PackMlState.EXECUTE, PackMlMode.PRODUCTION, ReasonCode.NONE);
            }
            decide(now);
            return;
        }
        if (stopShown) {
            return;
        }
        long due = waitingSince + plant.settings().waitBeforeSuspend().toMillis();
        if (now >= due) {
            stopShown = true;
            ReasonCode reason = phase == Phase.WAITING_FOR_PART ? ReasonCode.STARVED : ReasonCode.BLOCKED;
            showStatus(PackMlState.SUSPENDED, PackMlMode.PRODUCTION, reason);
        } else {
            scheduleAt(due);
        }
    }

    private boolean interruptDue() {
        return changeoverPending || injectedFault != null || plant.breakEnd() > plant.nowMillis();
    }

    private void startCycle(long now) {
        showStatus(PackMlState.EXECUTE, PackMlMode.PRODUCTION, ReasonCode.NONE);
        partInHand = infeed.take();
        phase = Phase.CYCLING;
        // ±5 % spread around the nominal cycle time.
        long cycle = Math.round(nominalCycleMillis * (0.95 + 0.1 * plant.random().nextDouble()));
        scheduleAt(now + cycle);
    }

    private void finishCycle(long now) {
        RandomGenerator random = plant.random();
        boolean good = random.nextDouble() >= rejectRate;
        if (quality != null) {
            emitAlways(QUALITY, quality.measure(random, good));
        }
        if (good) {
            emit(GOOD, goodCounter.increment());
            if (outfeed instanceof LotOutfeed) {
                line.goodPartFinished();
            }
        } else {
            emit(REJECT, rejectCounter.increment());
            partInHand = null;
        }
        decide(now);
    }

    private void startSequence(List<Step> steps, long now) {
        phase = Phase.SEQUENCE;
        sequence.clear();
        sequence.addAll(steps);
        nextStep(now);
    }

    private void nextStep(long now) {
        Step step = sequence.poll();
        if (step == null) {
            decide(now);
            return;
        }
        if (step.appliesChangeover()) {
            applyChangeover();
        }
        showStatus(step.state(), step.mode(), step.reason());
        scheduleAt(now + step.millis());
    }

    private void applyChangeover() {
        if (outfeed instanceof LotOutfeed lotOutfeed) {
            lotOutfeed.completeEarly();
        }
        WorkOrder order = line.workOrder();
        emit(PRODUCT, order.productId());
        emit(WORK_ORDER, order.id());
        if (resetsCountersAtChangeover) {
            emit(GOOD, goodCounter.reset());
            emit(REJECT, rejectCounter.reset());
        }
    }

    private PackMlState state() {
        return PackMlState.ofCode((Integer) values[STATE]);
    }

    /** Reason and mode before state, so a consumer reacting to the state sees why. */
    private void showStatus(PackMlState state, PackMlMode mode, ReasonCode reason) {
        emit(REASON, reason.code());
        emit(MODE, mode.code());
        emit(STATE, state.code());
    }

    private void emit(int tag, Object value) {
        if (!Objects.equals(values[tag], value)) {
            emitAlways(tag, value);
        }
    }

    private void emitAlways(int tag, Object value) {
        values[tag] = value;
        plant.publish(id, tags.get(tag).name(), value);
    }
}
