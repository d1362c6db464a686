package io.takt.oee.accounting;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;

/**
 * What streams-oee keeps per machine between events: where the machine is, its clock (newest event
 * time seen), the state events that late events may still correct, and its work orders.
 */
public final class MachineLedger {

    /** The clock of a machine that has sent nothing yet. */
    public static final long NO_CLOCK = Long.MIN_VALUE;

    private EquipmentRef equipment;
    private long clock;
    private long firstEvent;
    private final List<StatePoint> points;
    private final OrderBook orders;
    private final Set<WindowRef> corrections;

    public MachineLedger(EquipmentRef equipment, long clock, long firstEvent, List<StatePoint> points,
                         OrderBook orders) {
        this(equipment, clock, firstEvent, points, orders, Set.of());
    }

    public MachineLedger(EquipmentRef equipment, long clock, long firstEvent, List<StatePoint> points,
                         OrderBook orders, Set<WindowRef> corrections) {
        this.equipment = equipment;
        this.clock = clock;
        this.firstEvent = firstEvent;
        this.points = new ArrayList<>(points);
        this.orders = orders;
        this.corrections = new LinkedHashSet<>(corrections);
    }

    public static MachineLedger empty() {
        return new MachineLedger(null, NO_CLOCK, NO_CLOCK, List.of(), OrderBook.empty());
    }

    /**
     * Published windows that changed since (a late event, a count after the window ended): they are
     * published again together, once a live interval, not once per event. Kept with the ledger so a
     * restart still publishes them.
     */
    public Set<WindowRef> corrections() {
        return corrections;
    }

    public EquipmentRef equipment() {
        return equipment;
    }

    /** Remembers the newest place the machine reported (a rename of its line moves future roll-ups). */
    public void locate(EquipmentRef ref) {
        if (ref != null && !ref.equals(equipment)) {
            equipment = ref;
        }
    }

    public long clock() {
        return clock;
    }

    void advanceClock(long time) {
        clock = Math.max(clock, time);
        firstEvent = firstEvent == NO_CLOCK ? time : Math.min(firstEvent, time);
    }

    /**
     * The time of the oldest event applied (NO_CLOCK before any): no window ending at or before it
     * holds anything of this machine, so none is published.
     */
    public long firstEvent() {
        return firstEvent;
    }

    /** State points in time order; the last one's stay is open. */
    public List<StatePoint> points() {
        return points;
    }

    public OrderBook orders() {
        return orders;
    }

    /** The stays the points make: consecutive points of one state are one stay; the last is open. */
    public List<Interval> intervals() {
        List<Interval> stays = new ArrayList<>();
        Interval current = null;
        for (StatePoint point : points) {
            if (current == null || current.state() != point.state()) {
                if (current != null) {
                    stays.add(current.endingAt(point.at()));
                }
                current = new Interval(point.at(), Interval.OPEN, point.state(), point.rawState(), point.reason());
            } else if (point.reason() != null) {
                current = new Interval(current.start(), Interval.OPEN, current.state(), current.rawState(),
                        point.reason());
            }
        }
        if (current != null) {
            stays.add(current);
        }
        return stays;
    }

    /** The open stay, or null before the first state event. */
    public Interval openInterval() {
        List<Interval> stays = intervals();
        return stays.isEmpty() ? null : stays.get(stays.size() - 1);
    }

    /**
     * Forgets the points no late event can reach any more: those of stays that ended before
     * {@code horizon}. The stay holding the horizon is kept whole, so its start stays known.
     */
    void forgetBefore(long horizon) {
        // Walks the points without building the stays: this runs on every event.
        long stayStart = Long.MIN_VALUE;
        MachineState stayState = null;
        long keepFrom = Long.MIN_VALUE;
        for (StatePoint point : points) {
            if (point.state() != stayState) {
                if (point.at() > horizon) {
                    break;
                }
                stayStart = point.at();
                stayState = point.state();
            }
            keepFrom = stayStart;
        }
        long from = keepFrom;
        if (from != Long.MIN_VALUE && points.get(0).at() < from) {
            points.removeIf(point -> point.at() < from);
        }
    }
}
