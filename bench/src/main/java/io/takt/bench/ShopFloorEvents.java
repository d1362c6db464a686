package io.takt.bench;

import java.time.Instant;
import java.util.Locale;

import org.apache.avro.specific.SpecificRecord;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.SourceRef;

/**
 * A deterministic stream of shop-floor events for the OEE benchmark: N machines, each running in
 * cycles of {@code RUNNING}, a few production counts, then a stop (minor stop, short fault,
 * starved, blocked, setup, now and then a fault long enough to be a failure) until {@code RUNNING}
 * again. The plant moves in step: in round r every running machine has one event, stamped
 * {@code start + r × step} plus its own offset within the step, so every machine's event time only
 * grows and no machine runs ahead of the others by more than its current stop. Stopped machines
 * say nothing until their stop ends. The same settings always give the same events.
 */
final class ShopFloorEvents {

    /** The stops a machine goes through in turn, with how long each lasts (simulated ms). */
    static final Stop[] STOPS = {
        new Stop(MachineState.MINOR_STOP, 3_000, "MS01"),
        new Stop(MachineState.STARVED, 8_000, "ST02"),
        new Stop(MachineState.FAULT, 15_000, "F101"),
        new Stop(MachineState.BLOCKED, 5_000, "BL03"),
        new Stop(MachineState.SETUP, 45_000, "SU01"),
        new Stop(MachineState.MINOR_STOP, 2_000, "MS02"),
        new Stop(MachineState.STARVED, 6_000, "ST01"),
        new Stop(MachineState.FAULT, 150_000, "F207"),
    };
    /** One unit in this many counted is scrap. */
    static final int SCRAP_EVERY = 50;
    static final int MACHINES_PER_LINE = 10;
    static final int LINES_PER_AREA = 10;

    /** A stop of a machine: its state, how long it lasts and its reason code. */
    record Stop(MachineState state, long millis, String reason) {
    }

    /** One event: the machine's index and id, the record, and its event time. */
    record ShopFloorEvent(int machine, String machineId, SpecificRecord value, long sourceTime) {
        boolean isStateChange() {
            return value instanceof MachineStateChanged;
        }
    }

    private final String site;
    private final long start;
    private final long stepMillis;
    private final int countsPerRun;
    private final Machine[] machines;
    private long round;
    private int next;

    /**
     * @param site                 site of every machine's {@link EquipmentRef}
     * @param machines             how many machines
     * @param stateChangesPerCount state changes per production count: a run of {@code round(2 / ratio)}
     *                             counts between two state changes (the stop and the restart)
     * @param start                event time of round 0
     * @param stepMillis           simulated time between two events of a running machine
     */
    ShopFloorEvents(String site, int machines, double stateChangesPerCount, Instant start, long stepMillis) {
        if (machines < 1 || !(stateChangesPerCount > 0) || stateChangesPerCount > 2 || stepMillis < 1) {
            throw new IllegalArgumentException("need at least 1 machine, a ratio in (0, 2] and a step of 1 ms or more");
        }
        this.site = site;
        this.start = start.toEpochMilli();
        this.stepMillis = stepMillis;
        this.countsPerRun = countsPerRun(stateChangesPerCount);
        this.machines = new Machine[machines];
        for (int m = 0; m < machines; m++) {
            // Machines start at different points of the cycle, so that their stops do not line up.
            this.machines[m] = new Machine(equipment(site, m), m % STOPS.length, m % (countsPerRun + 1));
        }
    }

    /** Counts between a machine's restart and its next stop: two state changes per run. */
    static int countsPerRun(double stateChangesPerCount) {
        return Math.max(1, (int) Math.round(2 / stateChangesPerCount));
    }

    int machineCount() {
        return machines.length;
    }

    String machineId(int machine) {
        return machines[machine].ref.getId();
    }

    /** The machine's id: {@code <site>.area<a>.line<l>.m<m>}, ten machines a line, ten lines an area. */
    static EquipmentRef equipment(String site, int machine) {
        int line = machine / MACHINES_PER_LINE;
        String area = String.format(Locale.ROOT, "area%02d", line / LINES_PER_AREA + 1);
        String lineName = String.format(Locale.ROOT, "line%03d", line + 1);
        String name = String.format(Locale.ROOT, "m%05d", machine + 1);
        return EquipmentRef.newBuilder().setId(site + "." + area + "." + lineName + "." + name)
                .setEnterprise("acme").setSite(site).setArea(area).setLine(lineName).setMachine(name).build();
    }

    /** Simulated time from the start to the round of the last event. */
    long simulatedMillis() {
        return round * stepMillis;
    }

    /** The next event of the plant. */
    ShopFloorEvent next() {
        while (true) {
            if (next == machines.length) {
                next = 0;
                round++;
            }
            int m = next++;
            long time = start + round * stepMillis + m * stepMillis / machines.length;
            ShopFloorEvent event = machines[m].eventAt(m, time);
            if (event != null) {
                return event;
            }
        }
    }

    /** One machine's place in its cycle. */
    private final class Machine {
        private final EquipmentRef ref;
        private final SourceRef stateTag;
        private final SourceRef counterTag;
        private int stopIndex;
        private int countsLeft;
        private long stoppedUntil = Long.MIN_VALUE;
        private boolean stopped;
        private long sequence;
        private long units;

        Machine(EquipmentRef ref, int firstStop, int countsBeforeFirstStop) {
            this.ref = ref;
            this.stateTag = SourceRef.newBuilder().setGatewayId("gw-" + site).setAddress(ref.getId() + ".State")
                    .build();
            this.counterTag = SourceRef.newBuilder().setGatewayId("gw-" + site).setAddress(ref.getId() + ".Counter")
                    .build();
            this.stopIndex = firstStop;
            this.countsLeft = countsBeforeFirstStop;
        }

        /** The machine's event in the round at {@code time}, or null while it is stopped. */
        ShopFloorEvent eventAt(int m, long time) {
            if (stopped) {
                if (time < stoppedUntil) {
                    return null;
                }
                stopped = false;
                countsLeft = countsPerRun;
                return new ShopFloorEvent(m, ref.getId(), state(MachineState.RUNNING, null, time), time);
            }
            if (countsLeft > 0) {
                countsLeft--;
                return new ShopFloorEvent(m, ref.getId(), count(time), time);
            }
            Stop stop = STOPS[stopIndex];
            stopIndex = (stopIndex + 1) % STOPS.length;
            stopped = true;
            stoppedUntil = time + stop.millis();
            return new ShopFloorEvent(m, ref.getId(), state(stop.state(), stop.reason(), time), time);
        }

        private MachineStateChanged state(MachineState state, String reason, long time) {
            return MachineStateChanged.newBuilder().setEquipment(ref).setState(state)
                    .setRawState(String.valueOf(state.ordinal())).setReasonCode(reason)
                    .setSourceTimestamp(Instant.ofEpochMilli(time)).setReceiveTimestamp(Instant.ofEpochMilli(time + 20))
                    .setSource(stateTag).setSequence(sequence++).build();
        }

        private ProductionCount count(long time) {
            boolean scrap = ++units % SCRAP_EVERY == 0;
            return ProductionCount.newBuilder().setEquipment(ref).setGoodQuantity(scrap ? 0 : 1)
                    .setScrapQuantity(scrap ? 1 : 0).setReworkQuantity(0)
                    .setSourceTimestamp(Instant.ofEpochMilli(time)).setReceiveTimestamp(Instant.ofEpochMilli(time + 20))
                    .setSource(counterTag).setSequence(sequence++).build();
        }
    }
}
