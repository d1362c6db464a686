package io.takt.oee.reconcile;

import io.takt.oee.calendar.PlanKind;
import io.takt.schemas.MachineState;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.WindowKind;

/** The time elements and quantities added up for one window of one machine (or roll-up). */
final class WindowTally {

    /** What an unplanned-stop interval is, judged on its whole length. */
    enum Stop { NONE, MINOR, FAILURE }

    final WindowKind kind;
    final long start;
    final long end;
    final String shiftId;
    boolean complete = true;
    int members = 1;

    long plannedOperation;
    long plannedDown;
    long plannedBusy;
    long production;
    long setup;
    long unitDelay;
    long unitDown;
    long noData;
    long minorStopTime;
    long minorStops;
    long fault;
    long failures;
    long produced;
    long good;
    long scrap;
    long rework;
    double idealProduced;
    double idealGood;

    WindowTally(WindowKind kind, long start, long end, String shiftId) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.shiftId = shiftId;
    }

    /** Adds a piece of an interval; the calendar comes first, then the machine's state. */
    void addTime(PlanKind plan, MachineState state, Stop stop, long millis, MinorStopPolicy policy) {
        if (plan == PlanKind.UNPLANNED) {
            return;
        }
        plannedOperation += millis;
        if (plan == PlanKind.PLANNED_DOWN || state == MachineState.PLANNED_STOP) {
            plannedDown += millis;
            return;
        }
        plannedBusy += millis;
        switch (state) {
            case RUNNING -> production += millis;
            case SETUP -> setup += millis;
            case FAULT, MINOR_STOP -> addStop(stop, millis, policy);
            case IDLE, STARVED, BLOCKED -> unitDown += millis;
            default -> noData += millis;
        }
    }

    private void addStop(Stop stop, long millis, MinorStopPolicy policy) {
        if (stop == Stop.MINOR) {
            minorStopTime += millis;
            if (policy == MinorStopPolicy.IN_DELAY_TIME) {
                unitDelay += millis;
            } else {
                production += millis;
            }
        } else {
            unitDelay += millis;
            fault += millis;
        }
    }

    /** Counts a stop that starts in this window. */
    void countStop(Stop stop) {
        if (stop == Stop.MINOR) {
            minorStops++;
        } else if (stop == Stop.FAILURE) {
            failures++;
        }
    }

    void addCount(long goodUnits, long scrapUnits, long reworkUnits, double idealCycleTime) {
        long units = goodUnits + scrapUnits + reworkUnits;
        produced += units;
        good += goodUnits;
        scrap += scrapUnits;
        rework += reworkUnits;
        idealProduced += idealCycleTime * units;
        idealGood += idealCycleTime * goodUnits;
    }

    /** A FAIL quality result: units that were counted good are scrap or rework after all. */
    void moveFromGood(long units, boolean toRework, double idealCycleTime) {
        good -= units;
        if (toRework) {
            rework += units;
        } else {
            scrap += units;
        }
        idealGood -= idealCycleTime * units;
    }

    /** Adds a member's window into this roll-up window. */
    void addMember(WindowTally member) {
        plannedOperation += member.plannedOperation;
        plannedDown += member.plannedDown;
        plannedBusy += member.plannedBusy;
        production += member.production;
        setup += member.setup;
        unitDelay += member.unitDelay;
        unitDown += member.unitDown;
        noData += member.noData;
        minorStopTime += member.minorStopTime;
        minorStops += member.minorStops;
        fault += member.fault;
        failures += member.failures;
        produced += member.produced;
        good += member.good;
        scrap += member.scrap;
        rework += member.rework;
        idealProduced += member.idealProduced;
        idealGood += member.idealGood;
        complete &= member.complete;
    }
}
