package io.takt.oee.accounting;

import java.time.Duration;

import io.takt.schemas.MachineState;
import io.takt.schemas.MinorStopPolicy;

/**
 * Decides which time element a machine state feeds, and whether an unplanned stop is a minor stop
 * or a failure: judged on the length of the whole stay, as ISO 22400 counts failure events.
 */
public final class StateClassifier {

    /** Where a stay's planned-busy time goes. */
    public record Classification(TimeBucket bucket, boolean minorStop, boolean failure) {
    }

    private final long minorStopThresholdMillis;
    private final MinorStopPolicy policy;

    public StateClassifier(Duration minorStopThreshold, MinorStopPolicy policy) {
        this.minorStopThresholdMillis = minorStopThreshold.toMillis();
        this.policy = policy;
    }

    public long minorStopThresholdMillis() {
        return minorStopThresholdMillis;
    }

    public MinorStopPolicy policy() {
        return policy;
    }

    /** The classification of a stay in {@code state} lasting {@code lengthMillis}. */
    public Classification classify(MachineState state, long lengthMillis) {
        return switch (state) {
            case RUNNING -> new Classification(TimeBucket.APT, false, false);
            case SETUP -> new Classification(TimeBucket.ASUT, false, false);
            case FAULT, MINOR_STOP -> unplannedStop(lengthMillis);
            case IDLE, STARVED, BLOCKED -> new Classification(TimeBucket.ADOT, false, false);
            case PLANNED_STOP -> new Classification(TimeBucket.PDOT, false, false);
            case UNKNOWN -> new Classification(TimeBucket.NO_DATA, false, false);
        };
    }

    /** Whether a stay in {@code state} of that length is a minor stop. */
    public boolean isMinorStop(MachineState state, long lengthMillis) {
        return (state == MachineState.FAULT || state == MachineState.MINOR_STOP)
                && lengthMillis < minorStopThresholdMillis;
    }

    private Classification unplannedStop(long lengthMillis) {
        if (lengthMillis < minorStopThresholdMillis) {
            TimeBucket bucket = policy == MinorStopPolicy.IN_DELAY_TIME ? TimeBucket.ADET : TimeBucket.APT;
            return new Classification(bucket, true, false);
        }
        return new Classification(TimeBucket.ADET, false, true);
    }
}
