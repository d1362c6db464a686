package io.takt.oee.topology;

import java.time.Duration;
import java.time.Instant;

import io.takt.oee.accounting.MachineLedger;
import io.takt.platform.deadletter.RejectedRecordException;
import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityResult;
import io.takt.schemas.WorkOrder;

/**
 * The checks an event passes before it may change any state: values that cannot be true, and
 * events too late to correct their windows. A failed check throws {@link RejectedRecordException},
 * which sends the record to the dead-letter topic with the reason.
 */
final class EventChecks {

    /** Dead-letter reason of an event older than its machine's clock minus the grace period. */
    static final String LATE = "late-event";
    /** Dead-letter reason of an event with a value that cannot be true. */
    static final String INVALID = "invalid-event";

    // Counts are increments between two reads of a PLC counter; a billion units at once is a
    // counter reset the gateway did not catch, not production.
    private static final long MAX_INCREMENT = 1_000_000_000L;
    // 2000-01-01: anything earlier is a PLC clock that was never set.
    private static final long EARLIEST = 946_684_800_000L;

    private final long graceMillis;
    private final long maxJumpMillis;

    EventChecks(long graceMillis, long maxJumpMillis) {
        this.graceMillis = graceMillis;
        this.maxJumpMillis = maxJumpMillis;
    }

    void check(String key, MachineStateChanged state, MachineLedger ledger) {
        sameMachine(key, state.getEquipment().getId());
        inTime(state.getSourceTimestamp().toEpochMilli(), ledger, "state " + state.getState());
    }

    void check(String key, ProductionCount count, MachineLedger ledger) {
        sameMachine(key, count.getEquipment().getId());
        quantity("goodQuantity", count.getGoodQuantity());
        quantity("scrapQuantity", count.getScrapQuantity());
        quantity("reworkQuantity", count.getReworkQuantity());
        inTime(count.getSourceTimestamp().toEpochMilli(), ledger, "count");
    }

    void check(QualityResult result, MachineLedger ledger) {
        if (result.getQuantity() <= 0 || result.getQuantity() > MAX_INCREMENT) {
            throw new RejectedRecordException(INVALID, "quantity " + result.getQuantity()
                    + " of quality result for lot " + result.getLotId() + " must be between 1 and " + MAX_INCREMENT);
        }
        inTime(result.getSourceTimestamp().toEpochMilli(), ledger, "quality result");
    }

    void check(WorkOrder order) {
        for (IdealCycleTime pru : order.getIdealCycleTimes()) {
            double millis = pru.getMillisPerUnit();
            if (!(millis > 0) || Double.isInfinite(millis)) {
                throw new RejectedRecordException(INVALID, "work order " + order.getWorkOrderId()
                        + " gives ideal cycle time " + millis + " ms for " + pru.getProductId() + " on "
                        + pru.getEquipmentId() + "; it must be a positive number");
            }
        }
    }

    private static void sameMachine(String key, String equipmentId) {
        if (!equipmentId.equals(key)) {
            throw new RejectedRecordException(INVALID, "equipment.id '" + equipmentId
                    + "' is not the record key '" + key + "': the event would be accounted to the wrong machine");
        }
    }

    private static void quantity(String field, long value) {
        if (value < 0 || value > MAX_INCREMENT) {
            throw new RejectedRecordException(INVALID, field + " " + value + " must be between 0 and "
                    + MAX_INCREMENT + " (an increment since the previous count)");
        }
    }

    private void inTime(long time, MachineLedger ledger, String what) {
        if (time < EARLIEST) {
            throw new RejectedRecordException(INVALID, what + " at " + Instant.ofEpochMilli(time)
                    + " is before 2000: the source's clock is not set");
        }
        long clock = ledger.clock();
        if (clock != MachineLedger.NO_CLOCK && time - clock > maxJumpMillis) {
            throw new RejectedRecordException(INVALID, what + " at " + Instant.ofEpochMilli(time)
                    + " is " + Duration.ofMillis(time - clock) + " ahead of the machine's newest event ("
                    + Instant.ofEpochMilli(clock) + "), more than oee.max-clock-jump allows: "
                    + "a wrong source clock?");
        }
        if (clock != MachineLedger.NO_CLOCK && time < clock - graceMillis) {
            throw new RejectedRecordException(LATE, what + " at " + Instant.ofEpochMilli(time)
                    + " is " + (clock - time) + " ms behind the machine's newest event ("
                    + Instant.ofEpochMilli(clock) + "), more than the grace of " + graceMillis + " ms");
        }
    }
}
