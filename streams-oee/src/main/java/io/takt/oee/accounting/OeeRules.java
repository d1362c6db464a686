package io.takt.oee.accounting;

import java.time.Duration;
import java.util.Map;

/**
 * The settings the accounting follows, fixed at start-up.
 *
 * @param grace                  how far behind its clock a machine's event may be and still count
 * @param idealCycleTimes        configured PRU per machine id, ms per unit
 * @param defaultIdealCycleTime  PRU when nothing else gives one, ms per unit
 * @param maxClockJump           how far ahead of its machine's clock an event may be
 */
public record OeeRules(StateClassifier classifier, Duration grace, Map<String, Double> idealCycleTimes,
                       double defaultIdealCycleTime, Duration maxClockJump) {

    /**
     * How long after its end a window can still change: a late event may land up to the grace
     * behind the clock and, by shortening a stop below the minor-stop threshold, change how a stay
     * that began up to the threshold before it is counted.
     */
    public long finalizeDelayMillis() {
        return grace.toMillis() + classifier.minorStopThresholdMillis();
    }

    /** The configured PRU of a machine, else the default. */
    public double configuredIdealCycleTime(String machineId) {
        return idealCycleTimes.getOrDefault(machineId, defaultIdealCycleTime);
    }
}
