package io.takt.acquisition.simulator.plant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * A simulated plant of lines and machines, independent of any protocol. It is a discrete-event
 * simulation in simulated time: {@link #advanceTo} runs every event due up to the given time, in
 * time order, and each choice is drawn from one generator seeded by {@link PlantSettings#seed()},
 * so the same settings give the same events however the plant is driven (one big step or many
 * small ones, fast or slow).
 *
 * <p>Lines come in flows of three: the first line of a flow turns raw lots ({@code RAW-…}) into
 * intermediate lots ({@code INT-…}), the next consumes those, and the last of the flow makes
 * finished goods ({@code FG-…}). Thread-safe: every public method takes the plant's lock.
 */
public final class Plant {

    /** Something that acts at a scheduled time; events for an older generation are stale. */
    interface Actor {
        void act(long now);

        long generation();
    }

    private record Event(long time, long sequence, Actor actor, long generation) {
    }

    static final String RAW_MATERIAL = "STEEL-COIL";

    private final PlantSettings settings;
    private final RandomGenerator random;
    private final SimulatedClock clock;
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            Comparator.comparingLong(Event::time).thenComparingLong(Event::sequence));
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final List<MachineDescription> descriptions;
    private final Map<String, Integer> lotNumbers = new HashMap<>();
    private final List<PlantListener> listeners = new CopyOnWriteArrayList<>();
    private long eventSequence;
    private long eventsRun;
    private long tagChanges;
    private long lastPublishMillis = Long.MIN_VALUE;
    // End of the break going on (or last gone); kept by the break events so that machines need
    // not ask the calendar, which is costly, before every cycle.
    private long breakEndMillis = Long.MIN_VALUE;
    private Instant lastPublishInstant;

    public Plant(PlantSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = new SplittableRandom(settings.seed());
        this.clock = new SimulatedClock(settings.start());
        buildLines();
        connectFlows();
        descriptions = machines.values().stream().map(Machine::describe).toList();
        long start = clock.millis();
        settings.calendar().breakAt(settings.start()).ifPresent(b -> breakEndMillis = b.end().toEpochMilli());
        machines.values().forEach(m -> schedule(m, start, m.generation()));
        scheduleNextBreak();
    }

    private void buildLines() {
        int perLine = settings.machinesPerLine();
        for (int i = 0; i < settings.lines(); i++) {
            Line line = new Line(this, i + 1, LineKind.atStage(i - flowStart(i)));
            List<String> names = line.kind().machineNames(perLine);
            for (int position = 0; position < perLine; position++) {
                Machine machine = new Machine(this, line, names.get(position), position,
                        spec(line, names.get(position), position));
                line.add(machine);
                machines.put(machine.id(), machine);
            }
            lines.add(line);
        }
    }

    private Machine.MachineSpec spec(Line line, String name, int position) {
        boolean sixteenBits = settings.sixteenBitCounters().contains(line.id() + "." + name);
        long cycle = 4_500 + random.nextInt(1_500);
        double rejectRate = 0.005 + random.nextDouble() * 0.025;
        // PLC totals count since commissioning, not since our start; a 16-bit counter starts close
        // to its rollover so consumers meet the wrap within the first hours.
        long initialGood = sixteenBits ? 65_535 - random.nextInt(2_000) : random.nextLong(5_000_000);
        long initialReject = sixteenBits ? random.nextInt(1_000) : random.nextLong(100_000);
        boolean last = position == settings.machinesPerLine() - 1;
        return new Machine.MachineSpec(cycle, rejectRate, sixteenBits ? 16 : 32, initialGood, initialReject,
                position == 1, last ? line.kind().characteristic() : null);
    }

    private void connectFlows() {
        LotStock stockFromPrevious = null;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            boolean firstOfFlow = i == flowStart(i);
            boolean lastOfFlow = i == lines.size() - 1 || flowStart(i + 1) != flowStart(i);
            LotInfeed infeed = firstOfFlow ? LotInfeed.fromRawSupply(this::receiveRawLot)
                    : LotInfeed.fromStock(stockFromPrevious);
            LotStock stock = lastOfFlow ? LotStock.finishedGoods() : new LotStock(settings.stockCapacity());
            LotOutfeed outfeed = lastOfFlow ? new LotOutfeed(stock, settings.finishedLotSize(), "FG")
                    : new LotOutfeed(stock, settings.intermediateLotSize(), "INT");
            if (!lastOfFlow) {
                stock.connect(line.last(), lines.get(i + 1).first());
            }
            connectLine(line, infeed, outfeed);
            if (!lastOfFlow) {
                fillOpeningStock(line, stock);
            }
            stockFromPrevious = stock;
        }
    }

    /**
     * Joins a line's machines with buffers. A running plant has work in progress, so each buffer
     * starts half full with parts from the line's first input lot.
     */
    private void connectLine(Line line, Infeed lineInfeed, Outfeed lineOutfeed) {
        List<Machine> row = line.machines();
        Infeed in = lineInfeed;
        for (int p = 0; p < row.size(); p++) {
            Machine machine = row.get(p);
            if (p == row.size() - 1) {
                machine.connect(in, lineOutfeed);
            } else {
                PartBuffer buffer = new PartBuffer(settings.bufferCapacity());
                buffer.connect(machine, row.get(p + 1));
                machine.connect(in, buffer);
                in = buffer;
            }
        }
        for (int p = 0; p < row.size() - 1; p++) {
            PartBuffer buffer = (PartBuffer) row.get(p).outfeed();
            for (int k = 0; k < settings.bufferCapacity() / 2 && lineInfeed.hasPart(); k++) {
                buffer.put(lineInfeed.take());
            }
        }
    }

    /** Lots made before the simulation started, so downstream lines need not wait for the first. */
    private void fillOpeningStock(Line line, LotStock stock) {
        for (int k = 0; k < settings.openingStockLots(); k++) {
            stock.add(new Lot(nextLotId("INT"), line.workOrder().productId(), line.last().id(),
                    settings.intermediateLotSize(), List.of(), now()));
        }
    }

    private static int flowStart(int lineIndex) {
        return lineIndex / 3 * 3;
    }

    private Lot receiveRawLot() {
        return new Lot(nextLotId("RAW"), RAW_MATERIAL, "", settings.rawLotSize(), List.of(), now());
    }

    private void scheduleNextBreak() {
        settings.calendar().nextBreakAfter(now()).ifPresent(b -> schedule(new Actor() {
            @Override
            public void act(long at) {
                breakEndMillis = b.end().toEpochMilli();
                // Machines in a cycle or a stop see the break when they finish it; waiting ones now.
                machines.values().forEach(Machine::wake);
                scheduleNextBreak();
            }

            @Override
            public long generation() {
                return 0;
            }
        }, b.start().toEpochMilli(), 0));
    }

    /** Runs every event due up to {@code target} and leaves the clock there. */
    public synchronized void advanceTo(Instant target) {
        long until = target.toEpochMilli();
        if (until < clock.millis()) {
            throw new IllegalArgumentException("Cannot advance to " + target + ", before " + now());
        }
        Event next;
        while ((next = events.peek()) != null && next.time() <= until) {
            events.poll();
            if (next.generation() == next.actor().generation()) {
                clock.set(next.time());
                eventsRun++;
                next.actor().act(next.time());
            }
        }
        clock.set(until);
    }

    public synchronized void advance(Duration duration) {
        advanceTo(now().plus(duration));
    }

    /** Simulated time now. */
    public synchronized Instant now() {
        return clock.now();
    }

    public PlantSettings settings() {
        return settings;
    }

    /** Every machine with its tags, in line order then flow order. */
    public List<MachineDescription> machines() {
        return descriptions;
    }

    /** The current value of each of a machine's tags, by tag name, in tag order. */
    /** Each machine's rated time per part, ms, by machine id: the ideal cycle times (PRU) of the plant. */
    public synchronized Map<String, Long> nominalCycleMillis() {
        Map<String, Long> cycles = new LinkedHashMap<>();
        machines.forEach((id, machine) -> cycles.put(id, machine.nominalCycleMillis()));
        return cycles;
    }

    public synchronized Map<String, Object> tagValues(String machineId) {
        return machine(machineId).tagValues();
    }

    /**
     * Faults a machine by hand (tests, demos): it stops with {@code reason} for {@code repairTime}
     * as soon as it finishes the part in hand, or at once if it is starved or blocked.
     */
    public synchronized void injectFault(String machineId, ReasonCode reason, Duration repairTime) {
        if (!reason.isFault()) {
            throw new IllegalArgumentException(reason + " is not a fault");
        }
        machine(machineId).injectFault(reason, repairTime.toMillis());
    }

    public void addListener(PlantListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(PlantListener listener) {
        listeners.remove(listener);
    }

    /** The order each line is working on now, by line id ({@code Line1}, ...), in line order. */
    public synchronized Map<String, WorkOrder> workOrders() {
        Map<String, WorkOrder> orders = new LinkedHashMap<>();
        lines.forEach(line -> orders.put(line.id(), line.workOrder()));
        return orders;
    }

    /** Every product the plant's lines make, in line order. */
    public Set<String> products() {
        Set<String> products = new LinkedHashSet<>();
        lines.forEach(line -> products.addAll(line.kind().products()));
        return products;
    }

    /** Events run so far (cycles, state steps, wake-ups). */
    public synchronized long eventsRun() {
        return eventsRun;
    }

    /** Tag changes published so far. */
    public synchronized long tagChanges() {
        return tagChanges;
    }

    private Machine machine(String machineId) {
        Machine machine = machines.get(machineId);
        if (machine == null) {
            throw new IllegalArgumentException("No machine " + machineId);
        }
        return machine;
    }

    // Package-private services for machines, lines and material flow (called under the lock).

    void schedule(Actor actor, long time, long generation) {
        events.add(new Event(time, eventSequence++, actor, generation));
    }

    long nowMillis() {
        return clock.millis();
    }

    RandomGenerator random() {
        return random;
    }

    /** When the break going on now ends, or {@link Long#MIN_VALUE} if there is none. */
    long breakEnd() {
        return clock.millis() < breakEndMillis ? breakEndMillis : Long.MIN_VALUE;
    }

    String nextLotId(String prefix) {
        int number = lotNumbers.merge(prefix, 1, Integer::sum);
        return prefix + "-" + String.format("%06d", number);
    }

    long changeoverMillis() {
        return Duration.ofMinutes(10).toMillis() + random.nextLong(Duration.ofMinutes(15).toMillis());
    }

    /** Repair time: a minimum plus an exponential tail, longer for faults that abort the machine. */
    long repairMillis(ReasonCode fault) {
        boolean aborts = fault.kind() == ReasonCode.Kind.FAULT_ABORTED;
        long minimum = Duration.ofMinutes(aborts ? 10 : 2).toMillis();
        long mean = Duration.ofMinutes(aborts ? 15 : 6).toMillis();
        long tail = Math.round(-mean * Math.log(1 - random.nextDouble()));
        return Math.min(minimum + tail, Duration.ofHours(2).toMillis());
    }

    void publish(String machineId, String tag, Object value) {
        tagChanges++;
        long millis = clock.millis();
        if (millis != lastPublishMillis) {
            lastPublishMillis = millis;
            lastPublishInstant = Instant.ofEpochMilli(millis);
        }
        for (PlantListener listener : listeners) {
            listener.onTagChanged(machineId, tag, value, lastPublishInstant);
        }
    }

    void workOrderStarted(String lineId, WorkOrder order) {
        for (PlantListener listener : listeners) {
            listener.onWorkOrderStarted(lineId, order);
        }
    }

    void lotCompleted(Lot lot) {
        for (PlantListener listener : listeners) {
            listener.onLotCompleted(lot);
        }
    }
}
